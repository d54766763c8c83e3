package dev.kintsugi.gameday.web;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InputErrors;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.StaleVersionException;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The game-day pages' form actions: redirect where the action says, or back with the refusal (bad input, an illegal
 * move, a page read before someone else's change) in the reader's language.
 */
@Component
class GameDayFormActions {
    private final InputErrors inputErrors;
    private final MessageSource messages;

    GameDayFormActions(InputErrors inputErrors, MessageSource messages) {
        this.inputErrors = inputErrors;
        this.messages = messages;
    }

    /** Runs a form's action: redirects to where it says, or back with the refusal in the reader's language. */
    String act(RedirectAttributes flash, String back, Supplier<String> action) {
        try {
            return "redirect:" + action.get();
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", inputErrors.describe(e, "gameday.field."));
            return "redirect:" + back;
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", messages.getMessage(e.resolvable(), LocaleContextHolder.getLocale()));
            return "redirect:" + back;
        } catch (StaleVersionException e) {
            flash.addFlashAttribute("error", message("gameday.error.stale"));
            return "redirect:" + back;
        }
    }

    /** A message of the bundles in the reader's language. */
    String message(String code, Object... args) {
        return messages.getMessage(code, args, LocaleContextHolder.getLocale());
    }
}

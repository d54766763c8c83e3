package dev.kintsugi.statuspage.web;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InputErrors;
import dev.kintsugi.platform.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The status page's HTML forms' one way to act: run the facade's action, then go back to the page with a notice
 * (the {@code ok} message) or the error in the reader's language (a bad field named; a conflict explained).
 */
@Component
class StatusFormActions {
    private final InputErrors inputErrors;
    private final MessageSource messages;

    StatusFormActions(InputErrors inputErrors, MessageSource messages) {
        this.inputErrors = inputErrors;
        this.messages = messages;
    }

    String run(String redirect, RedirectAttributes flash, String ok, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", messages.getMessage(ok, null, LocaleContextHolder.getLocale()));
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", inputErrors.describe(e, "statuspage.field."));
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", messages.getMessage(e.resolvable(), LocaleContextHolder.getLocale()));
        }
        return redirect;
    }
}

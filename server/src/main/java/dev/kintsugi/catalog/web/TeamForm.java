package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.Team;
import dev.kintsugi.catalog.TeamDraft;
import java.util.Arrays;
import java.util.List;

/** The team form's fields as typed; members are usernames separated by commas (or spaces). */
public class TeamForm {
    private String name;
    private String displayName;
    private String description;
    private String contactChannel;
    private String members;

    static TeamForm of(Team t) {
        TeamForm f = new TeamForm();
        f.name = t.name();
        f.displayName = t.displayName();
        f.description = t.description();
        f.contactChannel = t.contactChannel();
        f.members = String.join(", ", t.members());
        return f;
    }

    /** Every field is sent, so on a change an emptied box clears that value. */
    TeamDraft toDraft() {
        return new TeamDraft(
                name,
                displayName,
                description == null ? "" : description,
                contactChannel == null ? "" : contactChannel,
                memberList());
    }

    List<String> memberList() {
        if (members == null || members.isBlank()) {
            return List.of();
        }
        return Arrays.stream(members.split("[,;\\s]+"))
                .filter(s -> !s.isBlank())
                .toList();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getContactChannel() {
        return contactChannel;
    }

    public void setContactChannel(String contactChannel) {
        this.contactChannel = contactChannel;
    }

    public String getMembers() {
        return members;
    }

    public void setMembers(String members) {
        this.members = members;
    }
}

package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;
import static io.extremail.server.console.Parameter.required;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.util.ValuePatch;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.Vacation;
import org.apache.james.vacation.api.VacationPatch;
import org.apache.james.vacation.api.VacationService;

/** AUTORESP SET | DEL | SHOW: the autoresponder, the same one as WebAdmin's /vacation. */
public class AutoresponderCommands implements CommandGroup {
    private static final Parameter NAME = required("NAME", "user name, the part before @");
    private static final Parameter DOMAIN = required("DOMAIN", "the user's domain");

    private final VacationService vacations;
    private final UsersRepository users;

    @Inject
    public AutoresponderCommands(VacationService vacations, UsersRepository users) {
        this.vacations = vacations;
        this.users = users;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("AUTORESP SET", "Turns the autoresponder on (at most one reply per sender per interval, RFC 3834).", this::set,
                NAME, DOMAIN, required("TEXT", "reply text; \\n is a line break").boundedByLine(),
                optional("SUBJECT", "reply subject [Re: the original subject]"),
                optional("FROM", "first day, YYYY-MM-DD (server time zone)"),
                optional("UNTIL", "last day, YYYY-MM-DD")),
            of("AUTORESP DEL", "Turns the autoresponder off.", this::delete, NAME, DOMAIN),
            of("AUTORESP SHOW", "Shows the autoresponder.", this::show, NAME, DOMAIN));
    }

    private Reply set(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        Optional<ZonedDateTime> from = parameters.optional("FROM").map(value -> day("FROM", value));
        Optional<ZonedDateTime> until = parameters.optional("UNTIL").map(value -> day("UNTIL", value).plusDays(1).minusSeconds(1));
        if (from.isPresent() && until.isPresent() && until.get().isBefore(from.get())) {
            throw ConsoleException.badParameter("UNTIL: is before FROM");
        }
        VacationPatch patch = VacationPatch.builder()
            .isEnabled(true)
            .textBody(parameters.get("TEXT").replace("\\n", "\n"))
            .htmlBody(ValuePatch.remove())
            .subject(parameters.optional("SUBJECT").map(ValuePatch::modifyTo).orElse(ValuePatch.remove()))
            .fromDate(from.map(ValuePatch::modifyTo).orElse(ValuePatch.remove()))
            .toDate(until.map(ValuePatch::modifyTo).orElse(ValuePatch.remove()))
            .build();
        vacations.modifyVacation(AccountId.fromUsername(user), patch).block();
        return Reply.ok("autoresponder of " + user.asString() + " on");
    }

    private Reply delete(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        if (!vacation(user).isEnabled()) {
            throw ConsoleException.notFound("NAME: the autoresponder of " + user.asString() + " is not on");
        }
        vacations.modifyVacation(AccountId.fromUsername(user), VacationPatch.builder().isEnabled(false).build()).block();
        return Reply.ok("autoresponder of " + user.asString() + " off");
    }

    private Reply show(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        Vacation vacation = vacation(user);
        List<String> lines = new ArrayList<>();
        lines.add("enabled: " + (vacation.isEnabled() ? "YES" : "NO"));
        lines.add("subject: " + vacation.getSubject().orElse(""));
        lines.add("text: " + vacation.getTextBody().orElse("").replace("\n", "\\n"));
        lines.add("from: " + vacation.getFromDate().map(date -> date.toLocalDate().toString()).orElse(""));
        lines.add("until: " + vacation.getToDate().map(date -> date.toLocalDate().toString()).orElse(""));
        return Reply.ok("autoresponder of " + user.asString(), lines);
    }

    private Vacation vacation(Username user) {
        return vacations.retrieveVacation(AccountId.fromUsername(user)).block();
    }

    private static ZonedDateTime day(String key, String value) {
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(ZoneId.systemDefault());
        } catch (DateTimeParseException e) {
            throw ConsoleException.badParameter(key + ": '" + value + "' is not a date YYYY-MM-DD");
        }
    }
}

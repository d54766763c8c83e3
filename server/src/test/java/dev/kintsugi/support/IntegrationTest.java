package dev.kintsugi.support;

import dev.kintsugi.KintsugiApplication;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ApiTokens;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole application on a real HTTP port and a real database (H2, or PostgreSQL when KINTSUGI_TEST_DB_URL
 * is set). All subclasses share one application context; each test makes its own uniquely named data.
 */
@SpringBootTest(classes = KintsugiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected UserManagement users;

    @Autowired
    protected ApiTokens tokens;

    /**
     * Transactions for the tests' own setup and checks. Where a test does not act as someone ({@code Actor.runAs}),
     * they act as the system, for the reason "test setup": facades refuse anonymous calls.
     */
    protected TransactionTemplate tx;

    @Autowired
    void transactions(PlatformTransactionManager transactions) {
        tx = new TransactionTemplate(transactions) {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                return Actor.authenticated().isPresent() || Actor.isSystem()
                        ? super.execute(action)
                        : Actor.runAsSystem("test setup", () -> super.execute(action));
            }
        };
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A unique suffix for names made by this test. */
    protected static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet();
    }

    /** A new user with this role and an API client authenticated by a fresh personal token. */
    protected ApiClient apiAs(Role role) {
        String username = unique(role.name().toLowerCase().replace('_', '-'));
        return apiAs(createUser(username, role, "password-" + username));
    }

    protected ApiClient apiAs(String username) {
        String token = tx.execute(s -> tokens.create(username, "test", null).value());
        return new ApiClient(baseUrl(), token);
    }

    protected ApiClient anonymousApi() {
        return new ApiClient(baseUrl(), null);
    }

    protected String createUser(String username, Role role, String password) {
        tx.executeWithoutResult(s -> users.create(
                new UserManagement.NewUser(username, "Test " + username, username + "@example.test", role, password)));
        return username;
    }
}

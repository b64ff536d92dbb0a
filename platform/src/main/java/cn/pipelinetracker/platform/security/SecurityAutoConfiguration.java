package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.PipelineProperties;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.web.ProblemMessages;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * Who may do what (docs/decisions/0010-security.md, 0020-accounts.md): HTTP Basic and the pages' form against
 * {@link Users} (configured, kept by the application, or the generated admin) and, when an issuer is configured, bearer
 * tokens; each request is held to its account as it is now ({@link AccountStateFilter}); the API creates no session,
 * but also accepts the pages' signed-in session ({@link PageSessions}), whose writes need the session's CSRF token;
 * role rules per endpoint here, region rules in {@link CurrentUser}; {@code /actuator/**} but health only for ADMIN
 * and MONITOR. 401 and 403 are problem+json and are counted in {@code pipeline_security_denied_total}. Repeated failed
 * sign-ins make the name or address wait ({@link SignInThrottle}): 429 with {@code Retry-After}, counted in
 * {@code pipeline_security_throttled_total}.
 */
@AutoConfiguration(afterName = "cn.pipelinetracker.platform.database.DatabaseAutoConfiguration")
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityAutoConfiguration.class);
    /** Every role but MONITOR, which reads only {@code /actuator/**}. */
    private static final String[] PEOPLE = {"CLERK", "LEADER", "AUDITOR", "ADMIN"};
    private static final String REALM = "pipeline-tracker";
    /**
     * Only the application's own files (the favicon is {@code data:,}): no inline script, no style element. Style
     * attributes are allowed: ECharts writes its tooltips' markup with them, and with nothing loadable from elsewhere
     * they can neither run code nor send anything out.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src-attr 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** With bearer tokens configured and no user, there is no Basic login (and no generated admin). */
    @Bean
    @DependsOn("schemaMigrator")
    Users users(SecurityProperties properties, RegionTree regions, PasswordEncoder encoder, JdbcClient jdbc,
                PipelineProperties pipeline, ObjectProvider<JwtDecoder> jwtDecoder) {
        boolean basicOnly = jwtDecoder.getIfAvailable() == null;
        return new Users(properties, regions, encoder, jdbc, pipeline.dataDir(), basicOnly);
    }

    @Bean
    LoginPage loginPage() {
        return new LoginPage();
    }

    @Bean
    CurrentUser currentUser(RegionTree regions, MeterRegistry meters) {
        return new CurrentUser(regions, meters);
    }

    @Bean
    SignInThrottle signInThrottle(SecurityProperties properties, Clock clock) {
        return new SignInThrottle(properties.signIn(), clock);
    }

    /** With {@code pipeline.security.jwt.audience} set, a bearer token must name it in {@code aud}. */
    @Bean
    @ConditionalOnProperty("pipeline.security.jwt.audience")
    OAuth2TokenValidator<Jwt> audienceValidator(SecurityProperties properties) {
        String audience = properties.jwt().audience();
        return new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience));
    }

    /**
     * HTML pages (the dashboard, the workbench): form login with a session and CSRF protection, Basic alongside. Everything else is
     * the JSON API below, stateless.
     */
    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, Users users, PasswordEncoder encoder, SignInThrottle throttle,
                              JsonMapper json, MeterRegistry meters, ProblemMessages messages) throws Exception {
        // everything a page loads belongs here: fetched through the API chain, a 401 with a Basic challenge would
        // make a browser wait on a password dialog (headless Chromium waits forever)
        Refusals refusals = new Refusals(json, meters, messages);
        http.securityMatcher("/", "/login", "/logout", AccountStateFilter.PASSWORD_PAGE, "/admin/users",
                        "/dashboard/**", "/workbench", "/workbench/**", "/assets/**", "/webjars/**", "/swagger-ui/**",
                        "/swagger-ui.html")
                .authenticationManager(passwordSignIn(users, encoder, throttle))
                .addFilterBefore(new ThrottledSignInFilter(throttle, refusals),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new AccountStateFilter(users, refusals), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/assets/**", "/webjars/**").permitAll()
                        .requestMatchers("/swagger-ui/*.js", "/swagger-ui/*.css", "/swagger-ui/*.png").permitAll()
                        .anyRequest().hasAnyRole(PEOPLE))
                .formLogin(form -> form.loginPage("/login"))
                .logout(Customizer.withDefaults())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        if (users.any()) {
            http.httpBasic(basic -> basic.realmName(REALM));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json, MeterRegistry meters, Users users,
                            PasswordEncoder encoder, SignInThrottle throttle, SecurityProperties properties,
                            RegionTree regions, ObjectProvider<JwtDecoder> jwtDecoder, ProblemMessages messages)
            throws Exception {
        Refusals refusals = new Refusals(json, meters, messages);
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            // the dashboard's scripts mark their calls: a Basic challenge would open the browser's password dialog
            boolean pageScript = "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
            if (users.any() && !pageScript) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            }
            if (jwtDecoder.getIfAvailable() != null) {
                response.addHeader("WWW-Authenticate", "Bearer");
            }
            refusals.deny(request, response,
                    request.getHeader("Authorization") == null ? "unauthenticated" : "bad-credentials",
                    HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                    e instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                            ? Phrase.of("problem.bearer-refused", "The bearer token was refused: "
                                    + oauth.getError().getDescription(), oauth.getError().getDescription())
                            : Phrase.of("problem.unauthenticated",
                                    "Sign in: this endpoint needs a user (HTTP Basic) or a bearer token"));
        };
        http.authenticationManager(passwordSignIn(users, encoder, throttle))
                .addFilterBefore(new ThrottledSignInFilter(throttle, refusals),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new AccountStateFilter(users, refusals), AuthorizationFilter.class);
        if (users.any()) {
            http.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthenticated));
        }
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            if (properties.jwt().audience() == null) {
                log.warn("pipeline.security.jwt.audience is not set: bearer tokens of any audience are accepted, "
                        + "also those the identity provider issued for other applications");
            }
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(decoder);
            tokens.setJwtAuthenticationConverter(new JwtUsers(properties.jwt(), regions));
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.authenticationManager(new CountedSignIn(tokens::authenticate, throttle)))
                    .authenticationEntryPoint(unauthenticated));
        }
        return http
                // scripts (Basic, bearer) carry no cookie to ride on; a page's session must show its CSRF token
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(PageSessions.SESSION_WRITES)
                        .csrfTokenRequestHandler(new PageCsrfTokens()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new PageSessions())))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("ADMIN", "MONITOR")
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects", "/api/v1/projects/**")
                        .hasAnyRole("CLERK", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/campaigns", "/api/v1/campaigns/**")
                        .hasAnyRole("CLERK", "ADMIN")
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/campaigns/**").hasAnyRole("CLERK", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/ledger.xlsx", "/api/v1/ledger.csv").hasAnyRole(PEOPLE)
                        .requestMatchers("/api/v1/ledger/imports", "/api/v1/ledger/imports/**")
                        .hasAnyRole("CLERK", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/admin/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/v1/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/v1/stats/**").hasAnyRole("LEADER", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/publications").hasAnyRole("LEADER", "ADMIN")
                        .requestMatchers("/api/v1/publications", "/api/v1/publications/**")
                        .hasAnyRole("LEADER", "AUDITOR", "ADMIN")
                        // closing and reopening months: the one command an auditor may issue
                        .requestMatchers(HttpMethod.POST, "/api/v1/periods/**").hasAnyRole("AUDITOR", "ADMIN")
                        .anyRequest().hasAnyRole(PEOPLE))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((request, response, e) -> {
                            if (e instanceof CsrfException) {
                                refusals.deny(request, response, "csrf", HttpStatus.FORBIDDEN, "csrf-token-invalid",
                                        "CSRF token missing or wrong", Phrase.of("problem.csrf-token-invalid",
                                                "A command from a signed-in page needs the page's CSRF token in the "
                                                        + "header X-CSRF-TOKEN"));
                            } else {
                                refusals.deny(request, response, "role", HttpStatus.FORBIDDEN, "role-forbidden",
                                        "Not allowed for your role", Phrase.of("problem.role-forbidden",
                                                "Your role may not " + request.getMethod() + " "
                                                        + request.getRequestURI(), request.getMethod(),
                                                request.getRequestURI()));
                            }
                        }))
                .build();
    }

    /** Basic and the form: wrong passwords counted for the back-off, refused in the same time for every name. */
    private static AuthenticationManager passwordSignIn(Users users, PasswordEncoder encoder, SignInThrottle throttle) {
        return new CountedSignIn(new EvenlyTimedPasswords(users, encoder)::authenticate, throttle);
    }
}

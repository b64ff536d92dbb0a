package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.PipelineProperties;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.web.ProblemAdvice;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Who may do what (docs/decisions/0010-security.md): HTTP Basic against the configured users (or the initial admin)
 * and, when an issuer is configured, bearer tokens; the API creates no session, but its GETs also accept the
 * dashboard's signed-in session ({@link DashboardSessionReads}); role rules per endpoint here, region rules in
 * {@link CurrentUser}. 401 and 403 are problem+json and
 * are counted in {@code pipeline_security_denied_total}.
 */
@AutoConfiguration(afterName = "cn.pipelinetracker.platform.database.DatabaseAutoConfiguration")
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityAutoConfiguration {

    private static final String[] READERS = {"CLERK", "LEADER", "AUDITOR", "ADMIN"};

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

    /**
     * HTML pages (the dashboard): form login with a session and CSRF protection, Basic alongside. Everything else is
     * the JSON API below, stateless.
     */
    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, Users users) throws Exception {
        // everything a page loads belongs here: fetched through the API chain, a 401 with a Basic challenge would
        // make a browser wait on a password dialog (headless Chromium waits forever)
        http.securityMatcher("/", "/login", "/logout", "/dashboard/**", "/assets/**", "/webjars/**",
                        "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/assets/**", "/webjars/**").permitAll()
                        .requestMatchers("/swagger-ui/*.js", "/swagger-ui/*.css", "/swagger-ui/*.png").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login"))
                .logout(Customizer.withDefaults());
        if (users.any()) {
            http.httpBasic(basic -> basic.realmName("pipeline-tracker"));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json, MeterRegistry meters, Users users,
                            SecurityProperties properties, RegionTree regions,
                            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            meters.counter("pipeline.security.denied", "reason",
                    request.getHeader("Authorization") == null ? "unauthenticated" : "bad-credentials").increment();
            // the dashboard's scripts mark their calls: a Basic challenge would open the browser's password dialog
            boolean pageScript = "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
            if (users.any() && !pageScript) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"pipeline-tracker\"");
            }
            if (jwtDecoder.getIfAvailable() != null) {
                response.addHeader("WWW-Authenticate", "Bearer");
            }
            problem(response, json, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                    e instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                            ? "The bearer token was refused: " + oauth.getError().getDescription()
                            : "Sign in: this endpoint needs a user (HTTP Basic) or a bearer token");
        };
        if (users.any()) {
            http.httpBasic(basic -> basic.realmName("pipeline-tracker").authenticationEntryPoint(unauthenticated));
        }
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtUsers(properties.jwt(), regions)))
                    .authenticationEntryPoint(unauthenticated));
        }
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new DashboardSessionReads())))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/projects", "/api/v1/projects/**")
                        .hasAnyRole("CLERK", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/admin/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/v1/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/v1/stats/**").hasAnyRole("LEADER", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/projects", "/api/v1/projects/**")
                        .hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/oc4ids/**").hasAnyRole(READERS)
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((request, response, e) -> {
                            meters.counter("pipeline.security.denied", "reason", "role").increment();
                            problem(response, json, HttpStatus.FORBIDDEN, "role-forbidden", "Not allowed for your role",
                                    "Your role may not " + request.getMethod() + " " + request.getRequestURI());
                        }))
                .build();
    }

    private static void problem(HttpServletResponse response, JsonMapper json, HttpStatus status, String type,
                                String title, String detail) throws IOException {
        ProblemDetail problem = ProblemAdvice.problem(status, type, title, detail, List.of());
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}

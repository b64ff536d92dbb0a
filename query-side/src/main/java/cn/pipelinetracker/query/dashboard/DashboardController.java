package cn.pipelinetracker.query.dashboard;

import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.security.PipelineUser;
import cn.pipelinetracker.platform.security.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The leadership dashboard: two static pages (under {@code static/dashboard}) whose scripts draw every figure from
 * the contract's query endpoints, plus who is signed in. The pages sit behind the form login
 * ({@code SecurityAutoConfiguration#pages}); their requests to {@code /api/v1} ride on that session. A clerk signing
 * in at {@code /} lands on the workbench instead.
 */
@Controller
public class DashboardController {

    /** The signed-in user as the page needs it: what to call it, what it may read, and how to sign out. */
    public record Session(String name, String role, String regionCode, String csrfHeader, String csrfParameter,
                          String csrfToken) {
    }

    private final CurrentUser currentUser;
    private final PageHtml dashboard = new PageHtml("dashboard/index.html");
    private final PageHtml project = new PageHtml("dashboard/project.html");

    public DashboardController(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @GetMapping("/")
    @ResponseBody
    ResponseEntity<String> dashboard(CsrfToken csrf, @RequestParam(required = false) String lang) {
        if (currentUser.get().role() == Role.CLERK) {
            return ResponseEntity.status(HttpStatus.FOUND)
                    .header(HttpHeaders.LOCATION, "en".equals(lang) ? "/workbench?lang=en" : "/workbench")
                    .build();
        }
        return dashboard.render(csrf);
    }

    @GetMapping("/dashboard/projects/{id}")
    @ResponseBody
    ResponseEntity<String> project(@PathVariable String id, CsrfToken csrf) {
        return project.render(csrf);
    }

    @GetMapping(path = "/dashboard/session", produces = "application/json")
    @ResponseBody
    Session session(CsrfToken csrf) {
        PipelineUser user = currentUser.get();
        return new Session(user.name(), user.role().name(), currentUser.regionCode(), csrf.getHeaderName(),
                csrf.getParameterName(), csrf.getToken());
    }
}

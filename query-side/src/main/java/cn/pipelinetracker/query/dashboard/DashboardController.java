package cn.pipelinetracker.query.dashboard;

import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.security.PipelineUser;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The leadership dashboard: two static pages (under {@code static/dashboard}) whose scripts draw every figure from
 * the contract's query endpoints, plus who is signed in. The pages sit behind the form login
 * ({@code SecurityAutoConfiguration#pages}); their requests to {@code /api/v1} ride on that session, for reading only.
 */
@Controller
public class DashboardController {

    /** The signed-in user as the page needs it: what to call it, what it may read, and how to sign out. */
    public record Session(String name, String role, String regionCode, String csrfHeader, String csrfParameter,
                          String csrfToken) {
    }

    private final CurrentUser currentUser;

    public DashboardController(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @GetMapping("/")
    String dashboard() {
        return "forward:/dashboard/index.html";
    }

    @GetMapping("/dashboard/projects/{id}")
    String project(@PathVariable String id) {
        return "forward:/dashboard/project.html";
    }

    @GetMapping(path = "/dashboard/session", produces = "application/json")
    @ResponseBody
    Session session(CsrfToken csrf) {
        PipelineUser user = currentUser.get();
        return new Session(user.name(), user.role().name(), currentUser.regionCode(), csrf.getHeaderName(),
                csrf.getParameterName(), csrf.getToken());
    }
}

package cn.pipelinetracker.query.accounts;

import cn.pipelinetracker.platform.security.Users;
import cn.pipelinetracker.query.dashboard.PageHtml;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The accounts page (issue 21): one static page ({@code static/admin/users.html}) whose script lists the users of the
 * admin's subtree and sends the account commands of the contract with the page's session and CSRF token. It says
 * whether the application keeps accounts at all: with an identity provider configured, they come from there.
 */
@Controller
public class AccountsPageController {

    private static final String ACCOUNTS_KEPT = "data-accounts-kept=\"\"";

    private final PageHtml page = new PageHtml("admin/users.html");
    private final Users users;

    public AccountsPageController(Users users) {
        this.users = users;
    }

    @GetMapping("/admin/users")
    @ResponseBody
    ResponseEntity<String> page(CsrfToken csrf) {
        ResponseEntity<String> rendered = page.render(csrf);
        return ResponseEntity.status(rendered.getStatusCode()).headers(rendered.getHeaders())
                .body(rendered.getBody().replace(ACCOUNTS_KEPT,
                        "data-accounts-kept=\"" + users.accountsKept() + "\""));
    }
}

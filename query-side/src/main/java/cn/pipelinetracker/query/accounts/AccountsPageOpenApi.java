package cn.pipelinetracker.query.accounts;

import cn.pipelinetracker.platform.openapi.OpenApiPages;
import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** The accounts page in the OpenAPI description (the page lists; the account endpoints are the command side's). */
@Component
class AccountsPageOpenApi implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        OpenApiPages.page(openApi, "/admin/users", "账号管理", "Accounts")
                .description("HTML page for administrators: the users of their subtree, create (the one-time "
                        + "password shown once), change role or region, disable, reset a password. With an identity "
                        + "provider configured it says that accounts are kept there.");
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ProtectedActions.AspNetCore;

/// <summary>The web-app branch of the result handler: kept here so that the HTTP answer's file changes by a few lines only.</summary>
internal sealed partial class ProtectedActionResultHandler
{
    private const string WebAppTriedKey = "ProtectedActions.WebAppStepUpTried";

    private static WebAppStepUpResponder? WebAppResponder(HttpContext context) =>
        context.Items.ContainsKey(WebAppTriedKey) ? null : context.RequestServices?.GetService<WebAppStepUpResponder>();

    /// <summary>The web-app answer when the caller is a web-app user; otherwise the API answer (the handler again, without this branch).</summary>
    private async Task WebAppStepUpAsync(WebAppStepUpResponder webApp, RequestDelegate next, HttpContext context, AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult, ProtectedActionDecision decision, bool development)
    {
        if (await webApp.TryHandleAsync(context, policy, decision, development).ConfigureAwait(false))
        {
            return;
        }

        context.Items[WebAppTriedKey] = true;
        await HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}

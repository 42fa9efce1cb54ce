using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Answers a step-up decision of a web application (a caller signed in with a cookie through OpenID Connect):
/// a browser navigation is challenged (<c>ChallengeAsync(oidcScheme, properties)</c>, a redirect to the identity
/// provider asking for the context); a request that cannot follow a redirect (fetch/XHR, JSON only) gets 401
/// with problem details carrying a local <c>stepUpUrl</c>. Requests with an <c>Authorization</c> header are API
/// calls and keep the API answer.
/// </summary>
internal sealed partial class WebAppStepUpResponder
{
    private readonly OpenIdConnectSchemeResolver _resolver;
    private readonly IOptionsMonitor<ProtectedActionsWebAppOptions> _options;
    private readonly ILogger<WebAppStepUpResponder> _logger;

    public WebAppStepUpResponder(OpenIdConnectSchemeResolver resolver, IOptionsMonitor<ProtectedActionsWebAppOptions> options,
        ILogger<WebAppStepUpResponder> logger)
    {
        _resolver = resolver;
        _options = options;
        _logger = logger;
    }

    /// <summary>Answers the step-up when the caller is a web-app user; <see langword="false"/> (nothing written) otherwise.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, AuthorizationPolicy policy, ProtectedActionDecision decision, bool includeDevelopmentDetails)
    {
        if (context.Request.Headers.Authorization.Count > 0
            || OpenIdConnectStepUpRequest.FromDecision(decision) is not { } stepUp
            || await _resolver.ResolveAsync(policy).ConfigureAwait(false) is not { } scheme)
        {
            return false;
        }

        var options = _options.CurrentValue;
        var contextId = decision.AuthenticationContextId!;
        if (!CanFollowRedirect(context.Request))
        {
            var returnUrl = LocalReturnUrl.FromReferer(context.Request, options.FallbackReturnPath);
            var stepUpUrl = OpenIdConnectStepUpRequest.StepUpUrl(context.Request.PathBase.ToUriComponent(), options.StepUpPath, contextId,
                returnUrl, stepUp.MaxAgeSeconds);
            if (decision.Challenge is { } challenge && AllSafe(challenge.WwwAuthenticate))
            {
                context.Response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues([.. challenge.WwwAuthenticate]);
            }

            LogStepUpUrl(_logger, decision.Permission, contextId);
            await ProblemDetailsWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, ProblemTypes.StepUpRequired,
                "Step-up authentication required",
                "This action requires a stronger or more recent sign-in. Navigate the browser to stepUpUrl to sign in again, then retry.",
                decision, includeDevelopmentDetails, stepUpUrl).ConfigureAwait(false);
            return true;
        }

        var properties = stepUp.ToProperties(LocalReturnUrl.ForRequest(context, options.FallbackReturnPath), context.User);
        LogChallenge(_logger, decision.Permission, scheme, contextId);
        context.Response.Headers.CacheControl = "no-store";
        await context.ChallengeAsync(scheme, properties).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Whether the request is a navigation that can follow a redirect to the identity provider: not when it
    /// carries <c>X-Requested-With</c>, a <c>Sec-Fetch-Mode</c> other than <c>navigate</c> (fetch, XHR,
    /// subresources), or an <c>Accept</c> that names JSON but not HTML.
    /// </summary>
    internal static bool CanFollowRedirect(HttpRequest request)
    {
        var headers = request.Headers;
        if (headers.XRequestedWith.Count > 0)
        {
            return false;
        }

        var mode = headers["Sec-Fetch-Mode"];
        if (mode.Count > 0 && !(mode.Count == 1 && string.Equals(mode[0], "navigate", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var json = false;
        var html = false;
        foreach (var value in headers.Accept)
        {
            if (value is null)
            {
                continue;
            }

            json |= value.Contains("json", StringComparison.OrdinalIgnoreCase);
            html |= value.Contains("text/html", StringComparison.OrdinalIgnoreCase);
        }

        return html || !json;
    }

    private static bool AllSafe(IReadOnlyList<string> values)
    {
        foreach (var v in values)
        {
            if (!ChallengeHeaderValidator.IsSafe(v))
            {
                return false;
            }
        }

        return values.Count > 0;
    }

    [LoggerMessage(EventId = WebAppLogEventIds.StepUpChallenge, EventName = "WebAppStepUpChallenge", Level = LogLevel.Information, Message = "Protected action {Permission}: step-up through OpenID Connect scheme {Scheme} for authentication context {ContextId}.")]
    private static partial void LogChallenge(ILogger logger, string permission, string scheme, string contextId);

    [LoggerMessage(EventId = WebAppLogEventIds.StepUpUrlAnswered, EventName = "WebAppStepUpUrl", Level = LogLevel.Information, Message = "Protected action {Permission}: the request cannot follow a redirect; answered 401 with a step-up URL for authentication context {ContextId}.")]
    private static partial void LogStepUpUrl(ILogger logger, string permission, string contextId);
}

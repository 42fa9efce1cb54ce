using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// The step-up endpoint (<c>GET {StepUpPath}?context=c1&amp;returnUrl=…[&amp;maxAge=…]</c>): validates the context
/// against the configuration, the return URL (local only) and the max age, then starts the same OpenID Connect
/// challenge a browser navigation would get. It authorizes nothing: it only asks the identity provider for a
/// stronger sign-in, so it does not itself require an authenticated user (the host's own policies, a fallback
/// policy included, still apply).
/// </summary>
internal static partial class StepUpEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptionsMonitor<ProtectedActionsWebAppOptions>>().CurrentValue;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StepUpEndpoint).FullName!);
        var query = context.Request.Query;
        var settings = services.GetRequiredService<IOptionsMonitor<ProtectedActionsOptions>>().CurrentValue;

        if (query["context"] is not { Count: 1 } requested || ConfiguredContext(settings, requested[0]) is not { } contextId)
        {
            await RefuseAsync(context, logger, "context", "The context parameter must name one configured authentication context.").ConfigureAwait(false);
            return;
        }

        var returnUrl = options.FallbackReturnPath;
        var requestedReturn = query["returnUrl"];
        if (requestedReturn.Count > 0)
        {
            if (requestedReturn.Count != 1 || !LocalReturnUrl.IsLocal(requestedReturn[0]))
            {
                await RefuseAsync(context, logger, "returnUrl", "The returnUrl parameter must be one local URL (a path on this site).").ConfigureAwait(false);
                return;
            }

            returnUrl = requestedReturn[0]!;
        }

        int? maxAge = null;
        var requestedMaxAge = query["maxAge"];
        if (requestedMaxAge.Count > 0)
        {
            if (requestedMaxAge.Count != 1
                || !int.TryParse(requestedMaxAge[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds > OpenIdConnectStepUpRequest.MaxMaxAgeSeconds)
            {
                await RefuseAsync(context, logger, "maxAge", "The maxAge parameter must be a number of seconds (0 to one year).").ConfigureAwait(false);
                return;
            }

            maxAge = seconds;
        }

        var resolver = services.GetRequiredService<OpenIdConnectSchemeResolver>();
        if (await resolver.ResolveAsync(null).ConfigureAwait(false) is not { } scheme)
        {
            LogNoScheme(logger);
            await ProblemDetailsWriter.WriteAsync(context, StatusCodes.Status404NotFound, "about:blank", "Not Found",
                "Step-up through OpenID Connect is not available on this application.", null, false).ConfigureAwait(false);
            return;
        }

        var format = settings.Settings.ChallengeFormat;
        var entra = format is ChallengeFormat.Entra or ChallengeFormat.Both;
        string? acr = null;
        if (format is ChallengeFormat.Rfc9470 or ChallengeFormat.Both)
        {
            acr = settings.Settings.AcrValues.TryGetValue(contextId, out var mapped) && IsAcrValues(mapped) ? mapped : contextId;
        }

        var properties = OpenIdConnectStepUpRequest.For(contextId, entra, acr, maxAge).ToProperties(returnUrl, context.User);
        context.Response.Headers.CacheControl = "no-store";
        await context.ChallengeAsync(scheme, properties).ConfigureAwait(false);
    }

    /// <summary>The configured spelling of the context id, when <paramref name="value"/> names a configured, available context.</summary>
    private static string? ConfiguredContext(ProtectedActionsOptions options, string? value)
    {
        if (value is not { Length: 2 or 3 })
        {
            return null;
        }

        foreach (var context in options.AuthenticationContexts)
        {
            if (context.Id is { } id && string.Equals(id, value, StringComparison.OrdinalIgnoreCase))
            {
                return IsContextId(id) ? id : null;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="value"/> is a context id (<c>c1</c>..<c>c99</c>): the only text put into the claims request.</summary>
    internal static bool IsContextId(string value) => value.Length is 2 or 3 && value[0] == 'c'
        && value[1] is >= '1' and <= '9' && (value.Length == 2 || value[2] is >= '0' and <= '9');

    private static bool IsAcrValues(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 1024 || value[0] == ' ' || value[^1] == ' ')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    private static Task RefuseAsync(HttpContext context, ILogger logger, string parameter, string detail)
    {
        LogRefused(logger, parameter);
        return ProblemDetailsWriter.WriteAsync(context, StatusCodes.Status400BadRequest, "about:blank", "Bad Request", detail, null, false);
    }

    [LoggerMessage(EventId = WebAppLogEventIds.StepUpEndpointRefused, EventName = "StepUpEndpointRefused", Level = LogLevel.Warning, Message = "The step-up endpoint refused a request: its {Parameter} parameter is missing or not acceptable.")]
    private static partial void LogRefused(ILogger logger, string parameter);

    [LoggerMessage(EventId = WebAppLogEventIds.StepUpEndpointNoScheme, EventName = "StepUpEndpointNoScheme", Level = LogLevel.Error, Message = "The step-up endpoint found no OpenID Connect scheme to challenge; answering 404.")]
    private static partial void LogNoScheme(ILogger logger);
}

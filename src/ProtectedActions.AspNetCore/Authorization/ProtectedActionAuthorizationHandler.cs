using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Logging;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Evaluates <see cref="ProtectedActionRequirement"/>: maps the authenticated caller's claims and the
/// connection's IP address to a sign-in, asks the evaluator, succeeds only when the decision is allowed, and
/// leaves the decision in <see cref="IProtectedActionFeature"/> for the result handler.
/// </summary>
/// <remarks>
/// The IP address is <c>HttpContext.Connection.RemoteIpAddress</c> as the host left it: the forwarded-headers
/// middleware rewrites it when (and only when) the host configured it, with the proxies the host trusts.
/// Reading <c>X-Forwarded-For</c> here would let any caller choose its location.
/// </remarks>
internal sealed partial class ProtectedActionAuthorizationHandler : AuthorizationHandler<ProtectedActionRequirement>
{
    private readonly IProtectedActionEvaluator _evaluator;
    private readonly ILogger<ProtectedActionAuthorizationHandler> _logger;

    public ProtectedActionAuthorizationHandler(IProtectedActionEvaluator evaluator, ILogger<ProtectedActionAuthorizationHandler> logger)
    {
        _evaluator = evaluator;
        _logger = logger;
    }

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ProtectedActionRequirement requirement)
    {
        // An anonymous caller is not asked to step up: the requirement stays unmet, and because authentication
        // did not succeed the middleware answers with the ordinary authentication challenge.
        if (!IsAuthenticated(context.User))
        {
            return;
        }

        var http = context.Resource switch
        {
            HttpContext h => h,
            AuthorizationFilterContext f => f.HttpContext,
            _ => null,
        };

        ProtectedActionFeature? feature = null;
        if (http is not null)
        {
            feature = http.Features.Get<IProtectedActionFeature>() as ProtectedActionFeature;
            if (feature is null)
            {
                feature = new ProtectedActionFeature();
                http.Features.Set<IProtectedActionFeature>(feature);
            }

            if (feature.Find(requirement.Permission, context.User) is { } earlier)
            {
                if (earlier.IsAllowed)
                {
                    context.Succeed(requirement);
                }

                return;
            }
        }

        ProtectedActionDecision decision;
        try
        {
            var signIn = SignInMapper.FromClaimsPrincipal(context.User, Normalize(http?.Connection.RemoteIpAddress));
            decision = await _evaluator.EvaluateAsync(new ProtectedActionRequest(requirement.Permission, signIn), http?.RequestAborted ?? default)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // Fail closed: any failure leaves the requirement unmet (403), never allowed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogEvaluationFailed(_logger, requirement.Permission, ex);
            return;
        }

        feature?.Add(decision, context.User);
        LogDecision(_logger, requirement.Permission, decision.Outcome, decision.AuthenticationContextId);
        if (decision.IsAllowed)
        {
            context.Succeed(requirement);
        }
    }

    private static bool IsAuthenticated(ClaimsPrincipal? user)
    {
        if (user is null)
        {
            return false;
        }

        foreach (var identity in user.Identities)
        {
            if (identity.IsAuthenticated)
            {
                return true;
            }
        }

        return false;
    }

    // Dual-stack sockets report IPv4 callers as ::ffff:a.b.c.d; named locations list IPv4 ranges.
    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Protected action {Permission}: {Outcome} (authentication context {ContextId}).")]
    private static partial void LogDecision(ILogger logger, string permission, ProtectedActionOutcome outcome, string? contextId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Protected action {Permission} could not be evaluated; access is refused.")]
    private static partial void LogEvaluationFailed(ILogger logger, string permission, Exception exception);
}

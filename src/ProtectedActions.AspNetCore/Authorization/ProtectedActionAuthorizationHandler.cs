using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Logging;
using ProtectedActions.SignIns;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Evaluates <see cref="ProtectedActionRequirement"/>: maps the claims of exactly one authenticated identity (the
/// one that carries the validated token) and the connection's IP address to a sign-in, asks the evaluator, succeeds only when the decision is allowed, and
/// leaves the decision in <see cref="IProtectedActionFeature"/> for the result handler.
/// </summary>
/// <remarks>
/// The IP address is <c>HttpContext.Connection.RemoteIpAddress</c> as the host left it: the forwarded-headers
/// middleware rewrites it when (and only when) the host configured it, with the proxies the host trusts.
/// Reading <c>X-Forwarded-For</c> here would let any caller choose its location.
/// <para>
/// Identity selection: identities that are not authenticated (a claims transformation's, for example) never
/// contribute. With one authenticated identity, that one is mapped; with several, the single one whose issuer is in
/// <c>settings.trustedIssuers</c> (of the active configuration); otherwise (none trusted, or several) nothing is
/// mapped: the sign-in is empty, which no policy that needs anything allows, and a warning is logged. Facts are
/// never merged across identities.
/// </para>
/// </remarks>
internal sealed partial class ProtectedActionAuthorizationHandler : IAuthorizationHandler
{
    private readonly IProtectedActionEvaluator _evaluator;
    private readonly ILogger<ProtectedActionAuthorizationHandler> _logger;
    private readonly IProtectedActionsConfigurationStatus? _status;
    private readonly StepUpLoopGuard? _loopGuard;
    // A sign-in is reused across authorizations (RecentSignIn) only when the library's evaluator reads it: another
    // evaluator is the host's code, which may keep what it is handed, and gets a sign-in of its own every time.
    private readonly bool _reuseSignIns;

    public ProtectedActionAuthorizationHandler(IProtectedActionEvaluator evaluator, ILogger<ProtectedActionAuthorizationHandler> logger,
        IProtectedActionsConfigurationStatus? status = null, StepUpLoopGuard? loopGuard = null)
    {
        _evaluator = evaluator;
        _logger = logger;
        _status = status;
        _loopGuard = loopGuard;
        _reuseSignIns = evaluator is Evaluation.DefaultProtectedActionEvaluator;
    }

    /// <summary>
    /// Handles every <see cref="ProtectedActionRequirement"/> of the context, in order, as
    /// <c>AuthorizationHandler&lt;ProtectedActionRequirement&gt;</c> would, but without its <c>OfType</c> iterator
    /// and without an asynchronous state machine when every evaluation completed synchronously: every
    /// authorization of the application passes through here, protected or not.
    /// </summary>
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.Requirements is not IReadOnlyList<IAuthorizationRequirement> requirements)
        {
            return HandleEachAsync(context, context.Requirements);
        }

        for (var i = 0; i < requirements.Count; i++)
        {
            if (requirements[i] is ProtectedActionRequirement requirement)
            {
                var pending = HandleRequirementAsync(context, requirement);
                if (!pending.IsCompletedSuccessfully)
                {
                    return ContinueAsync(context, requirements, i + 1, pending);
                }
            }
        }

        return Task.CompletedTask;
    }

    private async Task ContinueAsync(AuthorizationHandlerContext context, IReadOnlyList<IAuthorizationRequirement> requirements, int next, Task pending)
    {
        // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
        await pending.ConfigureAwait(false);
        for (var i = next; i < requirements.Count; i++)
        {
            if (requirements[i] is ProtectedActionRequirement requirement)
            {
                // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
                await HandleRequirementAsync(context, requirement).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleEachAsync(AuthorizationHandlerContext context, IEnumerable<IAuthorizationRequirement> requirements)
    {
        foreach (var requirement in requirements.OfType<ProtectedActionRequirement>())
        {
            // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
            await HandleRequirementAsync(context, requirement).ConfigureAwait(false);
        }
    }

    private async Task HandleRequirementAsync(AuthorizationHandlerContext context, ProtectedActionRequirement requirement)
    {
        // An anonymous caller is not asked to step up: the requirement stays unmet, and because authentication
        // did not succeed the middleware answers with the ordinary authentication challenge.
        var authenticated = CountAuthenticated(context.User);
        if (authenticated == 0)
        {
            return;
        }

        var http = context.Resource switch
        {
            HttpContext h => h,
            AuthorizationFilterContext f => f.HttpContext,
            _ => null,
        };

        // The indexer, not Get<T>/Set<T>: those are generic virtual methods, dispatched through a runtime lookup on
        // every call, and this runs for every protected request.
        var feature = http?.Features[typeof(IProtectedActionFeature)] as ProtectedActionFeature;
        if (feature?.Find(requirement.Permission, context.User) is { } earlier)
        {
            if (earlier.IsAllowed)
            {
                context.Succeed(requirement);
            }

            return;
        }

        ProtectedActionDecision decision;
        try
        {
            // The address first: storing the feature (below) changes the feature collection's revision, which makes
            // the context look its connection feature up again.
            var ip = Normalize(http?.Connection.RemoteIpAddress);
            // The request's lifetime as the server reports it. Asking HttpContext.RequestAborted would create (and
            // store) a lifetime feature on a context that has none, for a token that can never be cancelled.
            var aborted = (http?.Features[typeof(IHttpRequestLifetimeFeature)] as IHttpRequestLifetimeFeature)?.RequestAborted ?? default;
            // Only the optional facts the permission's context reads are built (every claim is still checked, so the
            // notes, and with them the decision, are those of a full mapping). Another evaluator gets every fact.
            var needs = _evaluator is Evaluation.DefaultProtectedActionEvaluator evaluator ? evaluator.ClaimNeedsFor(requirement.Permission) : ClaimNeeds.All;
            var signIn = MapSignIn(context.User, authenticated, ip, requirement.Permission, needs);
            // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
            decision = await _evaluator.EvaluateAsync(new ProtectedActionRequest(requirement.Permission, signIn), aborted).ConfigureAwait(false);
            if (_loopGuard is not null && decision.Outcome == ProtectedActionOutcome.StepUpRequired)
            {
                // No step-up loops: a caller who already stepped up after a challenge and still fails gets a denial.
                // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
                decision = await _loopGuard.ApplyAsync(decision, signIn, context.User, aborted).ConfigureAwait(false);
            }
            else if (_loopGuard is not null && decision.IsAllowed)
            {
                // The step-up worked: a later, weaker sign-in of the same user is asked again, not refused.
                // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
                await _loopGuard.ForgetAsync(decision, signIn, aborted).ConfigureAwait(false);
            }
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
            FeatureOf(http, feature);
            return;
        }

        FeatureOf(http, feature)?.Add(requirement.Permission, decision, context.User);
        LogDecision(_logger, requirement.Permission, decision.Outcome, decision.AuthenticationContextId);
        if (decision.IsAllowed)
        {
            context.Succeed(requirement);
        }
    }

    /// <summary>The request's feature: <paramref name="existing"/>, or a new one stored on the request (none without one).</summary>
    private static ProtectedActionFeature? FeatureOf(HttpContext? http, ProtectedActionFeature? existing)
    {
        if (existing is not null || http is null)
        {
            return existing;
        }

        var feature = new ProtectedActionFeature();
        http.Features[typeof(IProtectedActionFeature)] = feature;
        return feature;
    }

    private static int CountAuthenticated(ClaimsPrincipal? user)
    {
        var count = 0;
        if (user is null)
        {
            return count;
        }

        if (user.Identities is List<ClaimsIdentity> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].IsAuthenticated)
                {
                    count++;
                }
            }

            return count;
        }

        foreach (var identity in user.Identities)
        {
            if (identity.IsAuthenticated)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The sign-in of the one identity that carries the validated token, or an empty one when that is not clear.</summary>
    private SignInContext MapSignIn(ClaimsPrincipal user, int authenticated, IPAddress? ip, string permission, ClaimNeeds needs)
    {
        if (authenticated == 1)
        {
            // With the library's evaluator, a principal authorized again on this thread with the same claim objects is
            // mapped once (RecentSignIn).
            if (user.Identities is List<ClaimsIdentity> list)
            {
                // Stryker disable once Equality : exactly one identity is authenticated, so the loop returns before i reaches Count.
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i].IsAuthenticated)
                    {
                        return MapOne(list[i], ip, needs);
                    }
                }
            }

            foreach (var identity in user.Identities)
            {
                if (identity.IsAuthenticated)
                {
                    return MapOne(identity, ip, needs);
                }
            }
        }

        // Several authenticated identities: only the single one from a trusted issuer is the token's.
        var view = _status?.Active;
        SignInContext? chosen = null;
        var trusted = 0;
        foreach (var identity in user.Identities)
        {
            // Stryker disable once Statement,Block : FromClaimsIdentity reads no claim of an unauthenticated identity, so its candidate has no issuer and is never counted as trusted; skipping it only saves the mapping.
            if (!identity.IsAuthenticated)
            {
                continue;
            }

            var candidate = SignInMapper.FromClaimsIdentityReading(identity, ip, needs);
            if (view is not null && view.IsTrustedIssuer(candidate.Issuer))
            {
                trusted++;
                chosen = candidate;
            }
        }

        if (trusted == 1)
        {
            return chosen!;
        }

        LogAmbiguousIdentity(_logger, permission, authenticated, trusted);
        return new SignInContext
        {
            IpAddress = ip,
            Notes = ["identity: several authenticated identities and not exactly one from a trusted issuer; no claim is read"],
        };
    }

    private SignInContext MapOne(ClaimsIdentity identity, IPAddress? ip, ClaimNeeds needs) =>
        _reuseSignIns ? RecentSignIn.Read(identity, ip, needs) : SignInMapper.FromClaimsIdentityReading(identity, ip, needs);

    // Dual-stack sockets report IPv4 callers as ::ffff:a.b.c.d; named locations list IPv4 ranges.
    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    [LoggerMessage(EventId = AspNetCoreLogEventIds.Decision, EventName = "ProtectedActionDecision", Level = LogLevel.Debug, Message = "Protected action {Permission}: {Outcome} (authentication context {ContextId}).")]
    private static partial void LogDecision(ILogger logger, string permission, ProtectedActionOutcome outcome, string? contextId);

    [LoggerMessage(EventId = AspNetCoreLogEventIds.AmbiguousIdentity, EventName = "AmbiguousIdentity", Level = LogLevel.Warning, Message = "Protected action {Permission}: {Authenticated} authenticated identities, {Trusted} of them from a trusted issuer; no single identity carries the token, so the sign-in is evaluated with no claims.")]
    private static partial void LogAmbiguousIdentity(ILogger logger, string permission, int authenticated, int trusted);

    [LoggerMessage(EventId = AspNetCoreLogEventIds.EvaluationFailed, EventName = "ProtectedActionEvaluationFailed", Level = LogLevel.Error, Message = "Protected action {Permission} could not be evaluated; access is refused.")]
    private static partial void LogEvaluationFailed(ILogger logger, string permission, Exception exception);
}

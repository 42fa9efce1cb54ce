using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// Turns a refusal caused only by protected-action requirements into the right HTTP answer: step-up → 401 with
/// the decision's <c>WWW-Authenticate</c> value(s); step-up for a client without <c>cp1</c> → 403 saying so;
/// denial → 403; each with problem details. Everything else (success, challenges for anonymous callers,
/// refusals in which another requirement failed) goes to the inner handler unchanged.
/// </summary>
internal sealed partial class ProtectedActionResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly IAuthorizationMiddlewareResultHandler _inner;
    private readonly IProtectedActionsConfigurationStatus _status;
    private readonly ILogger<ProtectedActionResultHandler> _logger;

    public ProtectedActionResultHandler(IAuthorizationMiddlewareResultHandler inner, IProtectedActionsConfigurationStatus status,
        ILogger<ProtectedActionResultHandler> logger)
    {
        _inner = inner;
        _status = status;
        _logger = logger;
    }

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || SelectDecision(context, authorizeResult) is not { } decision)
        {
            return _inner.HandleAsync(next, context, policy, authorizeResult);
        }

        // From the active configuration, never the raw options: a refused reload must change nothing observable.
        var development = _status.Active.IncludeDevelopmentDetails;
        if (decision.Outcome == ProtectedActionOutcome.Denied && (decision.Causes & DecisionCauses.StepUpUnsatisfiable) != 0)
        {
            // The no-loop rule (StepUpLoopGuard): the first reason names the mismatch, from the caller's own token.
            return ProblemDetailsWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ProblemTypes.StepUpUnsatisfiable,
                "Step-up authentication did not satisfy the requirement", decision.Reasons[0], decision, development);
        }

        if (decision.Outcome == ProtectedActionOutcome.Denied)
        {
            return ProblemDetailsWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ProblemTypes.Denied,
                "The action is not allowed",
                "A policy guarding this action blocks it, or requires something that signing in again cannot provide (for example a compliant or managed device).",
                decision, development);
        }

        if (!decision.ClientCapable)
        {
            return ProblemDetailsWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ProblemTypes.ClientNotCapable,
                "Step-up authentication required, but the client cannot handle claims challenges",
                "This action requires a stronger or more recent sign-in. The client did not declare the 'cp1' capability (xms_cc claim), so no claims challenge is sent. Use a client that declares 'cp1', or sign in again in a way that satisfies the requirement before retrying.",
                decision, development);
        }

        // Web apps (cookie + OpenID Connect): a redirect to the identity provider, or 401 with a stepUpUrl.
        if (WebAppResponder(context) is { } webApp)
        {
            return WebAppStepUpAsync(webApp, next, context, policy, authorizeResult, decision, development);
        }

        var challenge = decision.Challenge;
        if (challenge is null || challenge.WwwAuthenticate.Count == 0 || !AllSafe(challenge.WwwAuthenticate))
        {
            LogUnsafeChallenge(_logger, decision.Permission);
            return ProblemDetailsWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ProblemTypes.ChallengeUnavailable,
                "Step-up authentication required, but no challenge is available",
                "This action requires a stronger or more recent sign-in, but the server could not produce a valid challenge.",
                decision, development);
        }

        context.Response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues([.. challenge.WwwAuthenticate]);
        return ProblemDetailsWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, ProblemTypes.StepUpRequired,
            "Step-up authentication required",
            "This action requires a stronger or more recent sign-in. Authenticate again as the WWW-Authenticate challenge describes, then retry with the new token.",
            decision, development);
    }

    /// <summary>
    /// The decision to answer with, when every failed requirement is a protected action that has a decision:
    /// a denial first (stepping up would not help), then a step-up the client cannot handle, then the first
    /// step-up. <see langword="null"/> when anything else failed, so that the inner handler answers as before.
    /// </summary>
    private static ProtectedActionDecision? SelectDecision(HttpContext context, PolicyAuthorizationResult result)
    {
        var failure = result.AuthorizationFailure;
        // A handler that called Fail() hides which requirements are pending: not ours to interpret.
        if (failure is null || failure.FailCalled || context.Features.Get<IProtectedActionFeature>() is not ProtectedActionFeature feature)
        {
            return null;
        }

        ProtectedActionDecision? stepUp = null;
        ProtectedActionDecision? notCapable = null;
        ProtectedActionDecision? denied = null;
        foreach (var requirement in failure.FailedRequirements)
        {
            if (requirement is not ProtectedActionRequirement pa || feature.Find(pa.Permission) is not { } decision)
            {
                return null;
            }

            switch (decision.Outcome)
            {
                case ProtectedActionOutcome.Denied:
                    denied ??= decision;
                    break;
                case ProtectedActionOutcome.StepUpRequired when !decision.ClientCapable:
                    notCapable ??= decision;
                    break;
                case ProtectedActionOutcome.StepUpRequired:
                    stepUp ??= decision;
                    break;
                default:
                    return null;
            }
        }

        // Every failed requirement set one of the three or returned: none set means none failed, and the answer is null.
        return denied ?? notCapable ?? stepUp;
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

        return true;
    }

    [LoggerMessage(EventId = AspNetCoreLogEventIds.ChallengeUnavailable, EventName = "ChallengeUnavailable", Level = LogLevel.Error, Message = "Protected action {Permission} needs a step-up, but its challenge is missing or not a safe header value; answering 403.")]
    private static partial void LogUnsafeChallenge(ILogger logger, string permission);
}

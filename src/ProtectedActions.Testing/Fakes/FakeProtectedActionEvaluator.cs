using System.Globalization;
using System.Text;

namespace ProtectedActions.Testing;

/// <summary>
/// An <see cref="IProtectedActionEvaluator"/> for testing code that <em>uses</em> the evaluator: it records
/// every request in <see cref="Calls"/> and answers with the outcome programmed for the permission
/// (<see cref="Allow"/>, <see cref="RequireStepUp"/>, <see cref="Deny"/>, <see cref="Respond"/>), or the
/// default outcome (<see cref="Otherwise"/>; initially allowed as not protected, as the real evaluator answers
/// for a permission no context protects).
/// </summary>
/// <remarks>
/// <para>
/// Decisions are real <see cref="ProtectedActionDecision"/> objects made with
/// <see cref="ProtectedActionDecision.Create"/>. A programmed step-up, denial or protected allow names one
/// synthetic policy, <see cref="PolicyId"/>, with the failed control (step-up: <c>authenticationStrength</c>, or
/// <c>signInFrequency</c> when a maximum age is given; denial: <c>block</c> unless told otherwise), so code and
/// assertions that read <see cref="ProtectedActionDecision.Policies"/> work. A step-up carries the challenge the
/// real evaluator would send with default settings (Entra's claims challenge; see <see cref="ChallengeFormat"/>),
/// unless the client is programmed as not capable.
/// </para>
/// <para>
/// Permissions match exactly, ignoring case (no <c>/*</c> patterns). The fake ignores the sign-in: program
/// outcomes per permission, or use <see cref="Respond"/> to decide from the request. Thread-safe.
/// </para>
/// </remarks>
public sealed class FakeProtectedActionEvaluator : IProtectedActionEvaluator
{
    /// <summary>The id of the synthetic policy the fake's protected decisions name.</summary>
    public const string PolicyId = "fake-policy";

    /// <summary>The context a denial uses when none is given.</summary>
    public const string DefaultContextId = "c1";

    private const string EntraAuthorizationUri = "https://login.microsoftonline.com/common/oauth2/authorize";
    private const string Rfc9470Description = "A different authentication level is required";
    private const string Note = "programmed by FakeProtectedActionEvaluator";

    private readonly object _gate = new();
    private readonly Dictionary<string, Func<ProtectedActionRequest, ProtectedActionDecision>> _responses = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ProtectedActionRequest> _calls = [];
    private Func<ProtectedActionRequest, ProtectedActionDecision> _default = static r => ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, r.Permission);

    /// <summary>The challenge format of programmed step-ups. Default <see cref="ProtectedActions.ChallengeFormat.Entra"/>, as the real evaluator's default.</summary>
    public ChallengeFormat ChallengeFormat { get; init; } = ChallengeFormat.Entra;

    /// <summary>Every request evaluated so far, in order (a copy).</summary>
    public IReadOnlyList<ProtectedActionRequest> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>The requests for <paramref name="permission"/> (ignoring case), in order.</summary>
    /// <param name="permission">The permission.</param>
    public IReadOnlyList<ProtectedActionRequest> CallsFor(string permission)
    {
        ArgumentException.ThrowIfNullOrEmpty(permission);
        lock (_gate)
        {
            return _calls.Where(c => string.Equals(c.Permission, permission, StringComparison.OrdinalIgnoreCase)).ToArray();
        }
    }

    /// <summary>
    /// Allows <paramref name="permission"/>: as not protected, or, with <paramref name="authenticationContextId"/>,
    /// as protected by that context with its policy satisfied.
    /// </summary>
    /// <param name="permission">The permission.</param>
    /// <param name="authenticationContextId">The context, or <see langword="null"/> for a permission that is not protected.</param>
    public FakeProtectedActionEvaluator Allow(string permission, string? authenticationContextId = null)
    {
        if (authenticationContextId is not null)
        {
            CheckContextId(authenticationContextId);
        }

        return Respond(permission, r => Allowed(r, authenticationContextId));
    }

    /// <summary>Makes <paramref name="permission"/> require step-up for <paramref name="authenticationContextId"/>.</summary>
    /// <param name="permission">The permission.</param>
    /// <param name="authenticationContextId">The context the caller must satisfy, <c>c1</c>..<c>c99</c>.</param>
    /// <param name="maxAgeSeconds">When given, the failure is sign-in frequency and the decision asks for this maximum authentication age.</param>
    /// <param name="clientCapable">
    /// Whether the client can handle a challenge; <see langword="false"/> makes a step-up without challenge, as
    /// with <see cref="ProtectedActionsSettings.RequireClientCapability"/> and a client without <c>cp1</c>.
    /// </param>
    public FakeProtectedActionEvaluator RequireStepUp(string permission, string authenticationContextId, int? maxAgeSeconds = null, bool clientCapable = true)
    {
        CheckContextId(authenticationContextId);
        if (maxAgeSeconds is { } maxAge)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxAge, nameof(maxAgeSeconds));
        }

        var challenge = clientCapable ? Challenge(authenticationContextId, maxAgeSeconds) : null;
        return Respond(permission, r => ProtectedActionDecision.Create(
            ProtectedActionOutcome.StepUpRequired, r.Permission, authenticationContextId,
            policies: [PolicyResult.Create(PolicyId, "Programmed step-up", satisfied: false,
                failedControls: [maxAgeSeconds is null ? "authenticationStrength" : "signInFrequency"], remediable: true)],
            maxAgeSeconds: maxAgeSeconds, clientCapable: clientCapable, challenge: challenge, reasons: [Note]));
    }

    /// <summary>Denies <paramref name="permission"/>.</summary>
    /// <param name="permission">The permission.</param>
    /// <param name="authenticationContextId">The context the denial is for; default <see cref="DefaultContextId"/>.</param>
    /// <param name="failedControl">The control the synthetic policy failed; default <c>block</c>.</param>
    public FakeProtectedActionEvaluator Deny(string permission, string authenticationContextId = DefaultContextId, string failedControl = "block")
    {
        CheckContextId(authenticationContextId);
        ArgumentException.ThrowIfNullOrEmpty(failedControl);
        return Respond(permission, r => Denied(r, authenticationContextId, failedControl));
    }

    /// <summary>Answers requests for <paramref name="permission"/> with whatever <paramref name="respond"/> returns (for example a decision that depends on the sign-in).</summary>
    /// <param name="permission">The permission (replaces what was programmed for it before).</param>
    /// <param name="respond">Makes the decision, typically with <see cref="ProtectedActionDecision.Create"/>.</param>
    public FakeProtectedActionEvaluator Respond(string permission, Func<ProtectedActionRequest, ProtectedActionDecision> respond)
    {
        ArgumentException.ThrowIfNullOrEmpty(permission);
        ArgumentNullException.ThrowIfNull(respond);
        lock (_gate)
        {
            _responses[permission] = respond;
        }

        return this;
    }

    /// <summary>Sets the outcome for permissions nothing was programmed for.</summary>
    /// <param name="outcome">The outcome: allowed (as not protected unless a context is given), step-up, or denied.</param>
    /// <param name="authenticationContextId">The context; required for step-up, default <see cref="DefaultContextId"/> for denied.</param>
    public FakeProtectedActionEvaluator Otherwise(ProtectedActionOutcome outcome, string? authenticationContextId = null)
    {
        Func<ProtectedActionRequest, ProtectedActionDecision> respond;
        switch (outcome)
        {
            case ProtectedActionOutcome.Allowed:
                if (authenticationContextId is not null)
                {
                    CheckContextId(authenticationContextId);
                }

                respond = r => Allowed(r, authenticationContextId);
                break;
            case ProtectedActionOutcome.StepUpRequired:
                ArgumentNullException.ThrowIfNull(authenticationContextId);
                CheckContextId(authenticationContextId);
                var challenge = Challenge(authenticationContextId, null);
                respond = r => ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, r.Permission, authenticationContextId,
                    policies: [PolicyResult.Create(PolicyId, "Programmed step-up", satisfied: false, failedControls: ["authenticationStrength"], remediable: true)],
                    challenge: challenge, reasons: [Note]);
                break;
            case ProtectedActionOutcome.Denied:
                var context = authenticationContextId ?? DefaultContextId;
                CheckContextId(context);
                respond = r => Denied(r, context, "block");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome.");
        }

        lock (_gate)
        {
            _default = respond;
        }

        return this;
    }

    /// <summary>Forgets the recorded calls (programmed outcomes stay).</summary>
    public void ClearCalls()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    /// <inheritdoc />
    public ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Func<ProtectedActionRequest, ProtectedActionDecision> respond;
        lock (_gate)
        {
            _calls.Add(request);
            respond = _responses.TryGetValue(request.Permission, out var programmed) ? programmed : _default;
        }

        return new ValueTask<ProtectedActionDecision>(respond(request)
            ?? throw new InvalidOperationException("A programmed response returned no decision."));
    }

    private static ProtectedActionDecision Allowed(ProtectedActionRequest r, string? contextId) => contextId is null
        ? ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, r.Permission)
        : ProtectedActionDecision.Create(ProtectedActionOutcome.Allowed, r.Permission, contextId, SatisfiedBy.Policies,
            policies: [PolicyResult.Create(PolicyId, "Programmed allow", satisfied: true)], reasons: [Note]);

    private static ProtectedActionDecision Denied(ProtectedActionRequest r, string contextId, string failedControl) =>
        ProtectedActionDecision.Create(ProtectedActionOutcome.Denied, r.Permission, contextId,
            policies: [PolicyResult.Create(PolicyId, "Programmed denial", satisfied: false, failedControls: [failedControl], remediable: false)],
            reasons: [Note]);

    private StepUpChallenge Challenge(string contextId, int? maxAgeSeconds)
    {
        // The context id is checked to be c1..c99, so every value below is header-safe.
        var claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"" + contextId + "\"}}}";
        var entra = "Bearer realm=\"\", authorization_uri=\"" + EntraAuthorizationUri + "\", error=\"insufficient_claims\", claims=\""
            + Convert.ToBase64String(Encoding.UTF8.GetBytes(claims)) + "\"";
        var rfc9470 = "Bearer error=\"insufficient_user_authentication\", error_description=\"" + Rfc9470Description + "\", acr_values=\""
            + contextId + "\"" + (maxAgeSeconds is { } m ? ", max_age=\"" + m.ToString(CultureInfo.InvariantCulture) + "\"" : "");
        string[] headers = ChallengeFormat switch
        {
            ChallengeFormat.Rfc9470 => [rfc9470],
            ChallengeFormat.Both => [entra, rfc9470],
            _ => [entra],
        };
        return StepUpChallenge.Create(headers, contextId, ChallengeFormat == ChallengeFormat.Rfc9470 ? null : claims, maxAgeSeconds);
    }

    // c1..c99, lower-case c, no leading zero: the ids Entra allows, and safe inside a header.
    private static void CheckContextId(string authenticationContextId)
    {
        ArgumentException.ThrowIfNullOrEmpty(authenticationContextId);
        var id = authenticationContextId;
        var ok = id.Length is 2 or 3 && id[0] == 'c' && id[1] is >= '1' and <= '9' && (id.Length == 2 || id[2] is >= '0' and <= '9');
        if (!ok)
        {
            throw new ArgumentException("An authentication context id is c1..c99.", nameof(authenticationContextId));
        }
    }
}

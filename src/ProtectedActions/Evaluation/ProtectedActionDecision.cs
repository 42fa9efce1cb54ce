namespace ProtectedActions;

/// <summary>
/// The immutable result of evaluating a protected action: the outcome, what satisfied or failed it, each
/// targeting policy's result and a readable explanation.
/// </summary>
public sealed class ProtectedActionDecision
{
    private string? _explanation;
    private IReadOnlyList<DecisionNote>? _notes;

    private ProtectedActionDecision(
        ProtectedActionOutcome outcome,
        string permission,
        string? authenticationContextId,
        SatisfiedBy satisfiedBy,
        IReadOnlyList<PolicyResult> policies,
        int? maxAgeSeconds,
        bool clientCapable,
        StepUpChallenge? challenge,
        IReadOnlyList<string> reasons,
        DecisionCauses causes)
    {
        Causes = causes;
        Outcome = outcome;
        Permission = permission;
        AuthenticationContextId = authenticationContextId;
        SatisfiedBy = satisfiedBy;
        Policies = policies;
        MaxAgeSeconds = maxAgeSeconds;
        ClientCapable = clientCapable;
        Challenge = challenge;
        Reasons = reasons;
    }

    /// <summary>
    /// Creates a decision directly, for fakes and tests in consuming applications (for example
    /// <c>ProtectedActions.Testing</c>'s fake evaluator). Real decisions come from <see cref="IProtectedActionEvaluator"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The permission is empty, or the combination is inconsistent (an allowed decision with a challenge, or a protected decision without context).</exception>
    public static ProtectedActionDecision Create(
        ProtectedActionOutcome outcome,
        string permission,
        string? authenticationContextId = null,
        SatisfiedBy? satisfiedBy = null,
        IReadOnlyList<PolicyResult>? policies = null,
        int? maxAgeSeconds = null,
        bool clientCapable = true,
        StepUpChallenge? challenge = null,
        IReadOnlyList<string>? reasons = null,
        DecisionCauses causes = DecisionCauses.None)
    {
        ArgumentException.ThrowIfNullOrEmpty(permission);
        if (outcome != ProtectedActionOutcome.Allowed && authenticationContextId is null)
        {
            throw new ArgumentException("Step-up and denied decisions need an authentication context.", nameof(authenticationContextId));
        }

        if (outcome != ProtectedActionOutcome.StepUpRequired && challenge is not null)
        {
            throw new ArgumentException("Only step-up decisions carry a challenge.", nameof(challenge));
        }

        var by = satisfiedBy ?? (outcome != ProtectedActionOutcome.Allowed ? SatisfiedBy.None
            : authenticationContextId is null ? SatisfiedBy.NotProtected : SatisfiedBy.Policies);
        if (outcome == ProtectedActionOutcome.Allowed && causes != DecisionCauses.None)
        {
            throw new ArgumentException("Allowed decisions have no causes.", nameof(causes));
        }

        if (outcome == ProtectedActionOutcome.StepUpRequired && !clientCapable)
        {
            causes |= DecisionCauses.ClientNotCapable;
        }

        return new ProtectedActionDecision(outcome, permission, authenticationContextId, by, policies ?? [], maxAgeSeconds, clientCapable, challenge, reasons ?? [], causes);
    }

    /// <summary>Allowed: the permission is not protected.</summary>
    internal static ProtectedActionDecision NotProtected(string permission) =>
        new(ProtectedActionOutcome.Allowed, permission, null, SatisfiedBy.NotProtected, [], null, clientCapable: true, challenge: null, [], DecisionCauses.None);

    /// <summary>Allowed: a trusted <c>acrs</c> lists the context (and any sign-in frequency holds).</summary>
    internal static ProtectedActionDecision ByToken(string permission, string contextId, IReadOnlyList<string> notes) =>
        new(ProtectedActionOutcome.Allowed, permission, contextId, SatisfiedBy.Token, [], null, clientCapable: true, challenge: null, notes, DecisionCauses.None);

    /// <summary>Allowed: every applying enabled policy is satisfied (or none applies).</summary>
    internal static ProtectedActionDecision ByPolicies(string permission, string contextId, IReadOnlyList<PolicyResult> policies, bool clientCapable,
        IReadOnlyList<string> notes) =>
        new(ProtectedActionOutcome.Allowed, permission, contextId, SatisfiedBy.Policies, policies, null, clientCapable, challenge: null, notes, DecisionCauses.None);

    /// <summary>Step-up required, with the challenge when the client can handle one.</summary>
    internal static ProtectedActionDecision StepUp(string permission, string contextId, IReadOnlyList<PolicyResult> policies, int? maxAgeSeconds,
        bool clientCapable, StepUpChallenge? challenge, DecisionCauses causes, IReadOnlyList<string> notes) =>
        new(ProtectedActionOutcome.StepUpRequired, permission, contextId, SatisfiedBy.None, policies, maxAgeSeconds, clientCapable, challenge, notes,
            clientCapable ? causes : causes | DecisionCauses.ClientNotCapable);

    /// <summary>Denied: re-authentication cannot satisfy the context.</summary>
    internal static ProtectedActionDecision Denied(string permission, string contextId, IReadOnlyList<PolicyResult> policies, bool clientCapable,
        DecisionCauses causes, IReadOnlyList<string> notes) =>
        new(ProtectedActionOutcome.Denied, permission, contextId, SatisfiedBy.None, policies, null, clientCapable, challenge: null, notes, causes);

    /// <summary>Allowed, step-up required or denied.</summary>
    public ProtectedActionOutcome Outcome { get; }

    /// <summary>The permission evaluated.</summary>
    public string Permission { get; }

    /// <summary>Whether an authentication context protects the permission.</summary>
    public bool IsProtected => AuthenticationContextId is not null;

    /// <summary>The context protecting the permission, or <see langword="null"/> when not protected.</summary>
    public string? AuthenticationContextId { get; }

    /// <summary>What allowed it; <see cref="ProtectedActions.SatisfiedBy.None"/> unless allowed.</summary>
    public SatisfiedBy SatisfiedBy { get; }

    /// <summary>Every policy targeting the context, in configuration order, with how it fared.</summary>
    public IReadOnlyList<PolicyResult> Policies { get; }

    /// <summary>When sign-in frequency failed: the maximum authentication age, in seconds, to request.</summary>
    public int? MaxAgeSeconds { get; }

    /// <summary>
    /// Whether the client can handle a challenge. <see langword="false"/> only when
    /// <see cref="ProtectedActionsSettings.RequireClientCapability"/> is on and the token's <c>xms_cc</c> lacks
    /// <c>cp1</c>; such a step-up decision carries no challenge and the HTTP layer answers 403.
    /// </summary>
    public bool ClientCapable { get; }

    /// <summary>The challenge to send when <see cref="Outcome"/> is step-up and the client can handle it.</summary>
    public StepUpChallenge? Challenge { get; }

    /// <summary>Notes that shaped the decision: malformed claims treated as absent, providers that failed, configuration warnings in force. Never claim values.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>The same notes as <see cref="Reasons"/>, each with a stable code.</summary>
    public IReadOnlyList<DecisionNote> Notes => _notes ??= Reasons.Select(r => new DecisionNote(DecisionNoteCodes.Classify(r), r)).ToArray();

    /// <summary>Why it is a step-up or a denial (<see cref="DecisionCauses.None"/> when allowed): see <see cref="DecisionCauses"/>.</summary>
    public DecisionCauses Causes { get; }

    /// <summary>Whether the action may proceed.</summary>
    public bool IsAllowed => Outcome == ProtectedActionOutcome.Allowed;

    /// <summary>A readable explanation: the verdict and, for each policy, whether it applied, why, and what failed.</summary>
    public string Explanation => _explanation ??= DecisionExplainer.Explain(this);

    /// <inheritdoc />
    public override string ToString() => $"{Outcome} {Permission}" + (AuthenticationContextId is null ? "" : $" ({AuthenticationContextId})");
}

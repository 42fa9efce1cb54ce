using ProtectedActions.Compilation;
using ProtectedActions.SignIns;

namespace ProtectedActions.Evaluation;

/// <summary>
/// The evaluator: reads the active snapshot, never locks, and on the common paths (not protected, satisfied
/// by token, policies evaluated without providers) completes synchronously without allocating once warm.
/// </summary>
internal sealed class DefaultProtectedActionEvaluator(
    SnapshotHolder snapshots,
    TimeProvider time,
    IDeviceInformationProvider? deviceProvider,
    ICountryResolver? countryResolver,
    Diagnostics.EvaluatorTelemetry? telemetry = null) : IProtectedActionEvaluator
{
    private readonly Diagnostics.EvaluatorTelemetry _telemetry = telemetry ?? Diagnostics.EvaluatorTelemetry.None;

    private const int MaxCachedUnprotected = 1024;
    private const int StackPolicies = 64;

    /// <summary>Room on the stack for the codes of up to <see cref="StackPolicies"/> policies.</summary>
    [System.Runtime.CompilerServices.InlineArray(StackPolicies)]
    private struct PolicyCodes
    {
        private ulong _first;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProtectedActionDecision> _notProtected = new(StringComparer.OrdinalIgnoreCase);

    public ProtectedActionsSnapshot Snapshot => snapshots.Current;

    /// <summary>
    /// The optional sign-in facts an evaluation of <paramref name="permission"/> reads in the active snapshot (none
    /// when it is not protected: that decision reads no sign-in). A sign-in mapped with them decides exactly as a
    /// fully mapped one; should the snapshot change before the evaluation, a fact left unset is unknown (fails closed).
    /// </summary>
    internal ClaimNeeds ClaimNeedsFor(string permission)
    {
        var snapshot = snapshots.Current;
        return snapshot.Find(permission) is not { } assignment ? ClaimNeeds.None
            : assignment.Context.ClaimNeeds | (snapshot.RequireClientCapability ? ClaimNeeds.ClientCapabilities : ClaimNeeds.None);
    }

    public ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var started = _telemetry.Start();
        using var activity = Diagnostics.EvaluatorTelemetry.Source.StartActivity("ProtectedActions.Evaluate");
        var pending = EvaluateCore(request, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return Complete(pending, started, activity is null ? null : Diagnostics.EvaluatorTelemetry.Source.StartActivity("ProtectedActions.EvaluateProviders"));
        }

        var decision = pending.Result;
        Finish(decision, started, activity);
        return new(decision);
    }

    private async ValueTask<ProtectedActionDecision> Complete(ValueTask<ProtectedActionDecision> pending, long started, System.Diagnostics.Activity? activity)
    {
        using (activity)
        {
            // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
            var decision = await pending.ConfigureAwait(false);
            Finish(decision, started, activity);
            return decision;
        }
    }

    private void Finish(ProtectedActionDecision decision, long started, System.Diagnostics.Activity? activity)
    {
        if (activity is not null)
        {
            activity.SetTag("protected_actions.permission", decision.Permission);
            activity.SetTag("protected_actions.context", decision.AuthenticationContextId);
            activity.SetTag("protected_actions.outcome", Names.Of(decision.Outcome));
        }

        _telemetry.Record(decision, started);
    }

    private ValueTask<ProtectedActionDecision> EvaluateCore(ProtectedActionRequest request, CancellationToken cancellationToken)
    {
        var snapshot = snapshots.Current;
        var assignment = snapshot.Find(request.Permission);
        if (assignment is null)
        {
            return new(NotProtected(request.Permission));
        }

        var signIn = request.SignIn;
        var context = assignment.Context;
        // The caller's issuer decides what its token proves: acrs (Entra profiles, trustedIssuers, trustedTenantIds) or acr.
        var verdict = snapshot.Issuers.Judge(signIn, context.Id);
        var trusted = verdict.Trusted;
        var byAcrs = verdict.Satisfied;
        var authTimePresence = verdict.Profile?.AuthTime ?? AuthTimePresence.Optional;
        if (byAcrs && (!context.HasEnabledSignInFrequency || (signIn.AuthenticationTime is null && authTimePresence == AuthTimePresence.Optional)))
        {
            // Entra (and trustedIssuers): a token without auth_time is judged by acrs alone, whose issuance enforced the
            // frequency. A profile that says its tokens carry auth_time (or never do) cannot vouch for it this way.
            return new(TokenDecision(assignment, request.Permission, signIn.Notes));
        }

        var needDevice = context.NeedsDevice && deviceProvider is not null;
        if (!needDevice && signIn.Device is null && snapshot.DevicesNeverRegistered && context.NeedsDevice)
        {
            // The host declared its callers' devices are never registered: no device information is a known fact.
            signIn = signIn.With(DeviceProperties.Unregistered, signIn.Country, signIn.Notes);
        }

        var needCountry = context.NeedsCountry && countryResolver is not null && signIn.Country is null && signIn.IpAddress is not null;
        var trust = new Trust(trusted, byAcrs, verdict.Profile, authTimePresence);
        if (needDevice || needCountry)
        {
            return EvaluateWithProvidersAsync(snapshot, assignment, request, needDevice, needCountry, trust, cancellationToken);
        }

        return new(EvaluatePolicies(snapshot, assignment, request.Permission, signIn, deviceFailed: false, countryKnown: signIn.Country is not null, extraNotes: null, trust));
    }

    /// <summary>Whether acrs is trusted for the caller, and whether it lists the context (then only sign-in frequency is still checked).</summary>
    private readonly record struct Trust(bool AcrsTrusted, bool ProvenByAcrs, IssuerProfile? Profile, AuthTimePresence AuthTime);

    private const string AuthTimeNotIssuedNote =
        "auth_time: the issuer's profile says its tokens carry none (authTime false), so they prove no sign-in frequency (iat is token issuance, not authentication, and is not used); treated as absent";

    private const string AuthTimeMissingNote =
        "auth_time: missing although the issuer's profile says its tokens carry it, so the sign-in frequency is not proven; a step-up with max_age asks the provider for a fresh one";

    private const string AuthTimeInFutureNote = "auth_time is in the future beyond the allowed clock skew; treated as absent";

    private static ProtectedActionDecision TokenDecision(CompiledAssignment assignment, string permission, IReadOnlyList<string> notes) =>
        assignment.IsPattern
            ? ProtectedActionDecision.ByToken(permission, assignment.Context.Id, notes)
            : notes.Count == 0 ? assignment.TokenDecision
            : ProtectedActionDecision.ByToken(assignment.Permission, assignment.Context.Id, notes);

    private ProtectedActionDecision NotProtected(string permission)
    {
        if (_notProtected.TryGetValue(permission, out var cached))
        {
            return cached;
        }

        var decision = ProtectedActionDecision.NotProtected(permission);
        if (_notProtected.Count < MaxCachedUnprotected && permission.Length <= 512)
        {
            _notProtected.TryAdd(permission, decision);
        }

        return decision;
    }

    private async ValueTask<ProtectedActionDecision> EvaluateWithProvidersAsync(ProtectedActionsSnapshot snapshot, CompiledAssignment assignment,
        ProtectedActionRequest request, bool needDevice, bool needCountry, Trust trust, CancellationToken cancellationToken)
    {
        var signIn = request.SignIn;
        var notes = new List<string>();
        var device = signIn.Device;
        var deviceFailed = false;
        if (needDevice)
        {
            try
            {
                // No answer keeps what the sign-in says, which stays as (un)known as it was: an id-only device from a
                // token remains partial (DeviceProperties.IsComplete false), never a known unregistered device.
                // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
                device = await deviceProvider!.GetDeviceAsync(signIn, cancellationToken).AsTask()
                    .WaitAsync(snapshot.ProviderTimeout, time, cancellationToken).ConfigureAwait(false) ?? signIn.Device;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                deviceFailed = true;
                notes.Add("device information provider " + Describe(ex) + "; policies that need device information fail closed");
            }
        }

        if (device is null && !deviceFailed && snapshot.DevicesNeverRegistered && assignment.Context.NeedsDevice)
        {
            device = DeviceProperties.Unregistered;
        }

        var country = signIn.Country;
        var countryKnown = country is not null;
        if (needCountry)
        {
            try
            {
                // Stryker disable once Boolean : ConfigureAwait(true) instead of (false) only changes which thread continues; no decision or answer depends on it.
                country = await countryResolver!.ResolveCountryAsync(signIn.IpAddress!, cancellationToken).AsTask()
                    .WaitAsync(snapshot.ProviderTimeout, time, cancellationToken).ConfigureAwait(false);
                if (country is not null && (country.Length != 2 || !char.IsAsciiLetter(country[0]) || !char.IsAsciiLetter(country[1])))
                {
                    notes.Add("country resolver returned a value that is not an ISO 3166 alpha-2 code; treated as unknown information");
                    country = null;
                }
                else
                {
                    countryKnown = true;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                notes.Add("country resolver " + Describe(ex) + "; country locations are treated as unknown (fail closed)");
            }
        }

        // The sign-in is copied only when a provider changed what it says (notes travel separately).
        var merged = signIn;
        if (device != signIn.Device || country != signIn.Country)
        {
            merged = signIn.With(device, country, signIn.Notes);
        }

        return EvaluatePolicies(snapshot, assignment, request.Permission, merged, deviceFailed, countryKnown, notes.Count == 0 ? null : notes, trust);
    }

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutException => "timed out",
        OperationCanceledException => "was cancelled",
        _ => "failed (" + ex.GetType().Name + ")",
    };

    private ProtectedActionDecision EvaluatePolicies(ProtectedActionsSnapshot snapshot, CompiledAssignment assignment, string permission,
        SignInContext signIn, bool deviceFailed, bool countryKnown, List<string>? extraNotes, Trust trust)
    {
        var now = time.GetUtcNow();
        var authTime = signIn.AuthenticationTime;
        string? timeNote = null;
        if (trust.AuthTime == AuthTimePresence.NotIssued)
        {
            // The profile says this issuer does not issue auth_time: whatever a token carries there is not believed.
            authTime = null;
            timeNote = assignment.Context.HasEnabledSignInFrequency ? AuthTimeNotIssuedNote : null;
        }
        else if (authTime is { } t && t > now + snapshot.ClockSkew)
        {
            // A future auth_time would make every sign-in frequency look satisfied: treat it as absent.
            authTime = null;
            timeNote = AuthTimeInFutureNote;
        }
        else if (authTime is null && trust.AuthTime == AuthTimePresence.Issued && assignment.Context.HasEnabledSignInFrequency)
        {
            timeNote = AuthTimeMissingNote;
        }

        var modes = signIn.AuthenticationMethods ?? (trust.Profile?.Amr ?? snapshot.Amr).Map(signIn.AuthenticationMethodReferences);
        var input = new EvaluationInput(signIn, modes, now, authTime, deviceFailed, countryKnown, trust.AcrsTrusted, trust.ProvenByAcrs);
        var policies = assignment.Context.Policies;
        // An inline buffer rather than stackalloc: a method that uses stackalloc is compiled once, fully optimised but
        // without tiering, so it never gets the profile-guided inlining every other method on this path gets.
        var buffer = default(PolicyCodes);
        // Stryker disable once Conditional,Equality : where the codes live (stack or heap) changes no code and no decision
        Span<ulong> codes = policies.Length <= StackPolicies ? ((Span<ulong>)buffer)[..policies.Length] : new ulong[policies.Length];
        var hash = 17;
        var enforcedFailure = false;
        for (var i = 0; i < policies.Length; i++)
        {
            codes[i] = PolicyEvaluation.Evaluate(policies[i], input);
            // Stryker disable once Arithmetic : the hash only picks the cache slot; Find compares the codes in full, so any deterministic hash gives the same decisions
            hash = unchecked((hash * 31) + codes[i].GetHashCode());
            enforcedFailure |= policies[i].State == PolicyState.Enabled && PolicyEvaluation.Applies(codes[i]) && PolicyEvaluation.Satisfied(codes[i]) == false;
        }

        if (trust.ProvenByAcrs && !enforcedFailure)
        {
            // Trusted acrs proves the grant controls, and every applying sign-in frequency holds against auth_time.
            return TokenDecision(assignment, permission, Notes(signIn, extraNotes, timeNote));
        }

        var clientCapable = !snapshot.RequireClientCapability || HasCp1(signIn.ClientCapabilities);
        var cacheable = !assignment.IsPattern && signIn.Notes.Count == 0 && extraNotes is null && timeNote is null;
        var profileIndex = trust.Profile?.Index ?? 0;
        if (cacheable && assignment.Find(codes, clientCapable, profileIndex, hash) is { } cached)
        {
            return cached;
        }

        var notes = Notes(signIn, extraNotes, timeNote);
        var decision = DecisionFactory.Create(snapshot, assignment, assignment.IsPattern ? permission : assignment.Permission, codes, clientCapable, notes,
            trust.Profile?.Challenges);
        if (cacheable)
        {
            assignment.Store(codes, clientCapable, profileIndex, hash, decision);
        }

        return decision;
    }

    private static IReadOnlyList<string> Notes(SignInContext signIn, List<string>? extraNotes, string? timeNote)
    {
        // Stryker disable once Block : fast path only; without a time note or provider notes the list built below holds exactly the sign-in's notes
        if (extraNotes is null && timeNote is null)
        {
            return signIn.Notes;
        }

        var all = new List<string>(signIn.Notes);
        if (timeNote is not null)
        {
            all.Add(timeNote);
        }

        if (extraNotes is not null)
        {
            all.AddRange(extraNotes);
        }

        return all;
    }

    private static bool HasCp1(IReadOnlyList<string>? capabilities)
    {
        if (capabilities is null)
        {
            return false;
        }

        for (var i = 0; i < capabilities.Count; i++)
        {
            if (string.Equals(capabilities[i], "cp1", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

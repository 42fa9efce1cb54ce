namespace ProtectedActions;

/// <summary>A note that shaped a decision, with a stable <see cref="Code"/> (one of <see cref="DecisionNoteCodes"/>). Never a claim value.</summary>
public sealed class DecisionNote
{
    internal DecisionNote(string code, string message)
    {
        Code = code;
        Message = message;
    }

    /// <summary>A stable code from <see cref="DecisionNoteCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The readable note (the same text as in <see cref="ProtectedActionDecision.Reasons"/>).</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Code + ": " + Message;
}

/// <summary>The stable codes of <see cref="DecisionNote"/>.</summary>
public static class DecisionNoteCodes
{
    /// <summary>The claims could not be read at all; every claim is treated as absent.</summary>
    public const string ClaimsUnreadable = "claims-unreadable";
    /// <summary>One claim was malformed or implausible and is treated as absent (the note names the claim).</summary>
    public const string ClaimTreatedAsAbsent = "claim-treated-as-absent";
    /// <summary>The token signals a groups overage; group membership is unknown.</summary>
    public const string GroupsOverage = "groups-overage";
    /// <summary>An app-only token: there is no signed-in user.</summary>
    public const string AppOnlyToken = "app-only-token";
    /// <summary>The caller is not authenticated; no claim is read.</summary>
    public const string NotAuthenticated = "not-authenticated";
    /// <summary>Several authenticated identities and not exactly one from a trusted issuer; no claim is read.</summary>
    public const string AmbiguousIdentity = "ambiguous-identity";
    /// <summary><c>auth_time</c> is in the future beyond the allowed clock skew; treated as absent.</summary>
    public const string AuthenticationTimeInFuture = "auth-time-in-future";
    /// <summary>The device information provider failed, timed out or was cancelled; device policies fail closed.</summary>
    public const string DeviceProviderFailed = "device-provider-failed";
    /// <summary>The country resolver failed, timed out or was cancelled; country locations are unknown.</summary>
    public const string CountryResolverFailed = "country-resolver-failed";
    /// <summary>The country resolver returned a value that is not an ISO 3166 alpha-2 code; treated as unknown.</summary>
    public const string CountryResolverInvalid = "country-resolver-invalid";
    /// <summary>Strict mode denied a context that no enabled policy targets.</summary>
    public const string StrictMode = "strict-mode";
    /// <summary>Any other note, for example one a host put on <see cref="SignInContext.Notes"/>.</summary>
    public const string Other = "other";

    /// <summary>The code of a note's text: notes are classified by the prefix the library writes (<c>claim: …</c>).</summary>
    internal static string Classify(string note)
    {
        static bool Starts(string s, string p) => s.StartsWith(p, StringComparison.Ordinal);
        if (Starts(note, "claims: ")) { return ClaimsUnreadable; }
        if (Starts(note, "groups: ") && note.Contains("overage", StringComparison.Ordinal)) { return GroupsOverage; }
        if (Starts(note, "idtyp: an app-only")) { return AppOnlyToken; }
        if (Starts(note, "identity: not authenticated")) { return NotAuthenticated; }
        if (Starts(note, "identity: several")) { return AmbiguousIdentity; }
        if (Starts(note, "auth_time is in the future")) { return AuthenticationTimeInFuture; }
        if (Starts(note, "device information provider ")) { return DeviceProviderFailed; }
        if (Starts(note, "country resolver returned")) { return CountryResolverInvalid; }
        if (Starts(note, "country resolver ")) { return CountryResolverFailed; }
        if (Starts(note, "strict mode: ")) { return StrictMode; }
        var colon = note.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && colon <= 40 && !note.AsSpan(0, colon).Contains(' ') && note.EndsWith("treated as absent", StringComparison.Ordinal)
            ? ClaimTreatedAsAbsent
            : Other;
    }
}

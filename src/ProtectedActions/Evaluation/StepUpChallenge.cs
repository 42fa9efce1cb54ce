namespace ProtectedActions;

/// <summary>What a step-up decision asks the client for, ready to send.</summary>
public sealed class StepUpChallenge
{
    internal StepUpChallenge(IReadOnlyList<string> wwwAuthenticate, string? claims, string authenticationContextId, int? maxAgeSeconds)
    {
        WwwAuthenticate = wwwAuthenticate;
        Claims = claims;
        AuthenticationContextId = authenticationContextId;
        MaxAgeSeconds = maxAgeSeconds;
    }

    /// <summary>Creates a challenge directly, for fakes and tests in consuming applications. Values are not re-validated: never build one from untrusted input.</summary>
    public static StepUpChallenge Create(IReadOnlyList<string> wwwAuthenticate, string authenticationContextId, string? claims = null, int? maxAgeSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(wwwAuthenticate);
        ArgumentException.ThrowIfNullOrEmpty(authenticationContextId);
        return new StepUpChallenge(wwwAuthenticate, claims, authenticationContextId, maxAgeSeconds);
    }

    /// <summary>The <c>WWW-Authenticate</c> header values (one per configured format). Built only from validated parts.</summary>
    public IReadOnlyList<string> WwwAuthenticate { get; }
    /// <summary>The Entra claims request JSON (minified), when the Entra format is on.</summary>
    public string? Claims { get; }
    /// <summary>The context to satisfy.</summary>
    public string AuthenticationContextId { get; }
    /// <summary>The maximum authentication age in seconds, when sign-in frequency failed.</summary>
    public int? MaxAgeSeconds { get; }
    /// <summary>The <c>acr_values</c> the RFC 9470 challenge asks for (space-separated), when that format is on; <see langword="null"/> otherwise.</summary>
    public string? AcrValues { get; init; }
}

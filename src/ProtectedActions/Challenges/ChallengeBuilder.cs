using ProtectedActions.Validation;

namespace ProtectedActions.Challenges;

// STUB (issue 2): the full Entra/RFC 9470 writer with validation and caching arrives with issue 4.

/// <summary>Builds (and caches) the step-up challenge for a context and max age.</summary>
internal sealed class ChallengeBuilder
{
    private readonly ProtectedActionsSettings _settings;

    private ChallengeBuilder(ProtectedActionsSettings settings) => _settings = settings;

    /// <summary>Validates the challenge settings (reporting to <paramref name="issues"/> under <paramref name="path"/>) and creates a builder.</summary>
    public static ChallengeBuilder Create(ProtectedActionsSettings settings, IEnumerable<string> contextIds, string path, IssueCollector issues) => new(settings);

    /// <summary>The challenge for <paramref name="contextId"/> (a validated id) and optional max age.</summary>
    public StepUpChallenge Get(string contextId, int? maxAgeSeconds)
    {
        var claims = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"" + contextId + "\"}}}";
        var header = "Bearer realm=\"\", authorization_uri=\"" + _settings.AuthorizationUri + "\", error=\"insufficient_claims\", claims=\""
            + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(claims)) + "\"";
        return new StepUpChallenge([header], claims, contextId, maxAgeSeconds);
    }
}

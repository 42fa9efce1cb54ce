namespace ProtectedActions.AspNetCore;

/// <summary>
/// The log event ids of the web-app step-up (range 3200–3219 of the ASP.NET Core package); docs/logging.md lists
/// each with its level, message and what to do.
/// </summary>
internal static class WebAppLogEventIds
{
    /// <summary>Information: a step-up became an OpenID Connect challenge (a redirect to the identity provider).</summary>
    public const int StepUpChallenge = 3200;

    /// <summary>Information: a request that cannot follow a redirect got 401 with a <c>stepUpUrl</c>.</summary>
    public const int StepUpUrlAnswered = 3201;

    /// <summary>Warning: the step-up endpoint refused a request (unknown context, non-local return URL, bad max age).</summary>
    public const int StepUpEndpointRefused = 3202;

    /// <summary>Error: the step-up endpoint found no OpenID Connect scheme to challenge.</summary>
    public const int StepUpEndpointNoScheme = 3203;
}

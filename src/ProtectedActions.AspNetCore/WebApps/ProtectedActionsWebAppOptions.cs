namespace ProtectedActions.AspNetCore;

/// <summary>
/// Options of the web-app step-up (cookie sign-in through OpenID Connect): configure them with
/// <c>services.Configure&lt;ProtectedActionsWebAppOptions&gt;(...)</c>. Validated at start-up.
/// </summary>
public sealed class ProtectedActionsWebAppOptions
{
    /// <summary>The default path of the step-up endpoint (<c>MapProtectedActionsStepUp()</c>).</summary>
    public const string DefaultStepUpPath = "/protected-actions/step-up";

    /// <summary>
    /// The OpenID Connect scheme to challenge. <see langword="null"/> (the default): detected from the
    /// authentication options (the caller's cookie scheme and its challenge scheme). A name that is not a
    /// registered OpenID Connect scheme turns the web-app step-up off (callers get the API answer, 401 Bearer).
    /// </summary>
    public string? OpenIdConnectScheme { get; set; }

    /// <summary>
    /// The local URL users return to when the page that asked cannot be used (a form POST without a same-origin
    /// <c>Referer</c>, a return URL that is not local). Must be a local URL (<c>/</c> followed by anything but
    /// <c>/</c> or <c>\</c>); include the application's path base. Default <c>/</c>.
    /// </summary>
    public string FallbackReturnPath { get; set; } = "/";

    /// <summary>
    /// The path of the step-up endpoint, relative to the application's path base: where <c>stepUpUrl</c> points and
    /// where <c>MapProtectedActionsStepUp()</c> maps the endpoint. Default <see cref="DefaultStepUpPath"/>.
    /// </summary>
    public string StepUpPath { get; set; } = DefaultStepUpPath;
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// For Blazor (server interactivity): checks a protected action for the current user
/// (<see cref="AuthenticationStateProvider"/>) and, when a step-up is needed, navigates the browser to the
/// step-up endpoint (<c>MapProtectedActionsStepUp()</c>) with the current page as the return URL, so that the
/// user signs in again as the action requires and comes back to finish it. Registered (scoped) by
/// <c>AddAspNetCore()</c>; inject it into a component.
/// </summary>
/// <remarks>
/// The sign-in is read from the user's one authenticated identity (none or several: an empty sign-in, which no
/// policy that needs anything allows). A circuit has no request, so no IP address is known: location conditions
/// evaluate as an unknown location (fail closed). The API (and the page's own endpoint authorization) still
/// decides again on every request; this helper only shows the way.
/// </remarks>
public sealed class ProtectedActionStepUpNavigator
{
    private readonly IProtectedActionEvaluator _evaluator;
    private readonly AuthenticationStateProvider _authentication;
    private readonly NavigationManager _navigation;
    private readonly IOptionsMonitor<ProtectedActionsWebAppOptions> _options;

    /// <summary>Creates the navigator (normally by dependency injection).</summary>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="authentication">The circuit's authentication state.</param>
    /// <param name="navigation">The circuit's navigation manager.</param>
    /// <param name="options">The web-app options (step-up path, fallback return path).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ProtectedActionStepUpNavigator(IProtectedActionEvaluator evaluator, AuthenticationStateProvider authentication, NavigationManager navigation,
        IOptionsMonitor<ProtectedActionsWebAppOptions> options)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(navigation);
        ArgumentNullException.ThrowIfNull(options);
        _evaluator = evaluator;
        _authentication = authentication;
        _navigation = navigation;
        _options = options;
    }

    /// <summary>Evaluates <paramref name="permission"/> for the current user, without navigating.</summary>
    /// <param name="permission">The permission.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException"><paramref name="permission"/> is null or empty.</exception>
    public async Task<ProtectedActionDecision> CheckAsync(string permission, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(permission);
        var state = await _authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
        var identities = state.User.Identities.Where(i => i.IsAuthenticated).Take(2).ToList();
        var signIn = identities.Count == 1
            ? SignInMapper.FromClaimsIdentity(identities[0])
            : new SignInContext { Notes = ["identity: not exactly one authenticated identity; no claim is read"] };
        return await _evaluator.EvaluateAsync(new ProtectedActionRequest(permission, signIn), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Evaluates <paramref name="permission"/> for the current user and, when the decision is a step-up the client
    /// can perform, navigates (full page load) to <see cref="GetStepUpUrl"/>. Allowed and denied decisions are
    /// returned without navigating: show the action, or say why it is refused.
    /// </summary>
    /// <param name="permission">The permission.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The decision (when it is a step-up, the navigation has started).</returns>
    /// <exception cref="ArgumentException"><paramref name="permission"/> is null or empty.</exception>
    public async Task<ProtectedActionDecision> EnsureAsync(string permission, CancellationToken cancellationToken = default)
    {
        var decision = await CheckAsync(permission, cancellationToken).ConfigureAwait(false);
        if (decision.Outcome == ProtectedActionOutcome.StepUpRequired && decision.ClientCapable && GetStepUpUrl(decision) is { } url)
        {
            _navigation.NavigateTo(url, forceLoad: true);
        }

        return decision;
    }

    /// <summary>
    /// The step-up endpoint's URL for a step-up decision (<c>{base}protected-actions/step-up?context=c1&amp;returnUrl=/current/page</c>,
    /// plus <c>maxAge</c> when sign-in frequency failed), returning to the current page (or the fallback return path
    /// when the current page's URL is not local); <see langword="null"/> for any other decision.
    /// </summary>
    /// <param name="decision">The decision.</param>
    /// <returns>A local URL, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="decision"/> is null.</exception>
    public string? GetStepUpUrl(ProtectedActionDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Outcome != ProtectedActionOutcome.StepUpRequired || decision.AuthenticationContextId is not { } contextId)
        {
            return null;
        }

        var options = _options.CurrentValue;
        var baseUri = new Uri(_navigation.BaseUri);
        var current = new Uri(_navigation.Uri);
        var returnUrl = current.PathAndQuery;
        if (!Uri.Compare(baseUri, current, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase).Equals(0)
            || !LocalReturnUrl.IsLocal(returnUrl))
        {
            returnUrl = options.FallbackReturnPath;
        }

        var pathBase = baseUri.AbsolutePath.TrimEnd('/');
        return OpenIdConnectStepUpRequest.StepUpUrl(pathBase, options.StepUpPath, contextId, returnUrl, decision.MaxAgeSeconds);
    }
}

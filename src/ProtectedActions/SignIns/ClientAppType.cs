namespace ProtectedActions;

/// <summary>Client application types as Conditional Access names them.</summary>
public enum ClientAppType
{
    /// <summary><c>browser</c>.</summary>
    Browser,
    /// <summary><c>mobileAppsAndDesktopClients</c>.</summary>
    MobileAppsAndDesktopClients,
    /// <summary><c>exchangeActiveSync</c>.</summary>
    ExchangeActiveSync,
    /// <summary><c>other</c> (legacy authentication clients).</summary>
    Other,
    /// <summary>
    /// A modern-authentication client (it presented an OAuth bearer token): <c>browser</c> or
    /// <c>mobileAppsAndDesktopClients</c>, unknown which; known <em>not</em> to be <c>exchangeActiveSync</c> or
    /// <c>other</c>. What <see cref="SignInMapper"/> sets for every sign-in it builds from a token.
    /// </summary>
    ModernAuthentication,
}

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
}

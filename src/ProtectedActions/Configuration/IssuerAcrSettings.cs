namespace ProtectedActions;

/// <summary>How an issuer's <c>acr</c> claim satisfies authentication contexts (<c>settings:issuers[]:acr</c>).</summary>
public sealed class IssuerAcrSettings
{
    /// <summary>
    /// The provider's <c>acr</c> values as ordered levels, lowest first (Keycloak's levels of assurance
    /// <c>["0", "1", "2"]</c>). With levels, a token whose <c>acr</c> is at or above the lowest value listed for a
    /// context satisfies it; a value that is not a level satisfies nothing. Default: the profile's levels
    /// (<c>okta</c> has them; the others have none, so only the listed values satisfy a context).
    /// </summary>
    public List<string>? Levels { get; set; }

    /// <summary>
    /// Context id → the <c>acr</c> values that satisfy it. The challenge's <c>acr_values</c> for the context is these
    /// values, space-separated. A context not listed here cannot be satisfied by this issuer's tokens.
    /// </summary>
    public Dictionary<string, List<string>> Contexts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

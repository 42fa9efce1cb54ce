using Microsoft.Extensions.Configuration;

namespace ProtectedActions;

/// <summary>
/// A restriction of some of an authentication strength's combinations, in the Graph shape:
/// <c>#microsoft.graph.fido2CombinationConfiguration</c> (<see cref="AllowedAAGUIDs"/>) or
/// <c>#microsoft.graph.x509CertificateCombinationConfiguration</c> (<see cref="AllowedIssuerSkis"/>,
/// <see cref="AllowedPolicyOIDs"/>). A token cannot prove which key or certificate was used, so a combination a
/// configuration applies to never satisfies the strength here; the identity provider enforces it at step-up.
/// </summary>
public sealed class AuthenticationCombinationConfiguration
{
    /// <summary>The Graph type. When absent the kind follows from which lists are set.</summary>
    [ConfigurationKeyName("@odata.type")]
    public string? ODataType { get; set; }
    /// <summary>The configuration id (informational).</summary>
    public string? Id { get; set; }
    /// <summary>The strength's allowed combinations this configuration restricts, for example <c>fido2</c>.</summary>
    public List<string>? AppliesToCombinations { get; set; }
    /// <summary>FIDO2: the authenticator models (AAGUIDs) allowed.</summary>
    public List<string>? AllowedAAGUIDs { get; set; }
    /// <summary>Certificates: the subject key identifiers of the issuers allowed.</summary>
    public List<string>? AllowedIssuerSkis { get; set; }
    /// <summary>Certificates: the certificate policy OIDs allowed.</summary>
    public List<string>? AllowedPolicyOIDs { get; set; }
}

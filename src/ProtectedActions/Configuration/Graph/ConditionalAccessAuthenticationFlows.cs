namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessAuthenticationFlows</c>.</summary>
public sealed class ConditionalAccessAuthenticationFlows
{
    /// <summary>Comma-joined transfer methods: <c>deviceCodeFlow, authenticationTransfer</c>.</summary>
    public string? TransferMethods { get; set; }
}

namespace ProtectedActions;

/// <summary>
/// A reference to an authentication strength by id. Graph exports of policies embed the whole strength; when
/// the id names no built-in or configured strength, the embedded <see cref="AllowedCombinations"/> define it.
/// </summary>
public sealed class AuthenticationStrengthReference
{
    /// <summary>The strength id: a built-in id (<see cref="KnownAuthenticationStrengths"/>) or a configured custom strength.</summary>
    public string? Id { get; set; }
    /// <summary>Informational.</summary>
    public string? DisplayName { get; set; }
    /// <summary><c>builtIn</c> or <c>custom</c>, as Graph embeds it (informational).</summary>
    public string? PolicyType { get; set; }
    /// <summary>The strength's combinations as Graph embeds them; used only when <see cref="Id"/> is not defined elsewhere.</summary>
    public List<string>? AllowedCombinations { get; set; }
    /// <summary>The strength's combination restrictions as Graph embeds them; used only when <see cref="Id"/> is not defined elsewhere.</summary>
    public List<AuthenticationCombinationConfiguration>? CombinationConfigurations { get; set; }
}

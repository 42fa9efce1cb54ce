namespace ProtectedActions;

/// <summary>An authentication context (Graph <c>authenticationContextClassReference</c>).</summary>
public sealed class AuthenticationContextDefinition
{
    /// <summary>The id, <c>c1</c>..<c>c99</c>.</summary>
    public string? Id { get; set; }
    /// <summary>A display name.</summary>
    public string? DisplayName { get; set; }
    /// <summary>A description.</summary>
    public string? Description { get; set; }
    /// <summary>Whether the context is published to apps. Default <see langword="true"/>; <see langword="false"/> in use is a warning.</summary>
    public bool IsAvailable { get; set; } = true;
}

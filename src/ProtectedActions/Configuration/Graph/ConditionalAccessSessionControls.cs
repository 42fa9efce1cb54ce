namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessSessionControls</c>.</summary>
public sealed class ConditionalAccessSessionControls
{
    /// <summary>Sign-in frequency: the one session control a resource server enforces.</summary>
    public SignInFrequencySessionControl? SignInFrequency { get; set; }
}

namespace ProtectedActions;

/// <summary>Graph <c>signInFrequencySessionControl</c>.</summary>
public sealed class SignInFrequencySessionControl
{
    /// <summary>Whether the control is on.</summary>
    public bool IsEnabled { get; set; }
    /// <summary>The number of hours or days (time-based).</summary>
    public int? Value { get; set; }
    /// <summary><c>hours</c> or <c>days</c>.</summary>
    public string? Type { get; set; }
    /// <summary><c>timeBased</c> (default) or <c>everyTime</c> (within five minutes).</summary>
    public string? FrequencyInterval { get; set; }
    /// <summary><c>primaryAndSecondaryAuthentication</c> or <c>secondaryAuthentication</c> (informational).</summary>
    public string? AuthenticationType { get; set; }
}

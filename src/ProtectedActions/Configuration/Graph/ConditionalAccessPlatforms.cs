namespace ProtectedActions;

/// <summary>Graph <c>conditionalAccessPlatforms</c>.</summary>
public sealed class ConditionalAccessPlatforms
{
    /// <summary><c>android, iOS, windows, windowsPhone, macOS, linux, all</c>.</summary>
    public List<string>? IncludePlatforms { get; set; }
    /// <summary>As <see cref="IncludePlatforms"/>.</summary>
    public List<string>? ExcludePlatforms { get; set; }
}

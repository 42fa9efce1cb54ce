namespace ProtectedActions;

/// <summary>Device platforms as Conditional Access names them.</summary>
public enum DevicePlatform
{
    /// <summary><c>android</c>.</summary>
    Android,
    /// <summary><c>iOS</c>.</summary>
    IOS,
    /// <summary><c>windows</c>.</summary>
    Windows,
    /// <summary><c>windowsPhone</c>.</summary>
    WindowsPhone,
    /// <summary><c>macOS</c>.</summary>
    MacOS,
    /// <summary><c>linux</c>.</summary>
    Linux,
}

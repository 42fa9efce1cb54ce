namespace ProtectedActions;

/// <summary>One finding of validation, with the configuration path it concerns.</summary>
public sealed class ConfigurationIssue
{
    /// <summary>Creates an issue.</summary>
    public ConfigurationIssue(ConfigurationSeverity severity, string code, string path, string message)
    {
        Severity = severity;
        Code = code;
        Path = path;
        Message = message;
    }

    /// <summary>Error, warning or information.</summary>
    public ConfigurationSeverity Severity { get; }
    /// <summary>A stable code, for example <c>PA1001</c>.</summary>
    public string Code { get; }
    /// <summary>The configuration path, for example <c>ProtectedActions:ConditionalAccessPolicies[2]:grantControls:authenticationStrength:id</c>.</summary>
    public string Path { get; }
    /// <summary>What is wrong, in one sentence.</summary>
    public string Message { get; }

    /// <summary><c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}

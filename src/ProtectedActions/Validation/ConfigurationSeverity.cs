namespace ProtectedActions;

/// <summary>How serious a configuration issue is.</summary>
public enum ConfigurationSeverity
{
    /// <summary>The configuration cannot be used: start-up fails and a reload is refused.</summary>
    Error,
    /// <summary>The configuration works but is probably not what was meant (the lint rules).</summary>
    Warning,
    /// <summary>Something worth knowing, such as ignored properties.</summary>
    Information,
}

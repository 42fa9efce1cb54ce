using System.Diagnostics.CodeAnalysis;

namespace ProtectedActions;

// STUB (issue 2): replaced by the full parser in issue 3. Until then every rule is rejected as not supported.

/// <summary>A compiled Conditional Access device filter rule.</summary>
public sealed class DeviceFilterRule
{
    private DeviceFilterRule() { }

    /// <summary>Parses and compiles a rule.</summary>
    /// <param name="rule">The rule text.</param>
    /// <param name="result">The compiled rule on success.</param>
    /// <param name="error">What is wrong and where, on failure.</param>
    public static bool TryParse(string? rule, [NotNullWhen(true)] out DeviceFilterRule? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        error = "device filter rules are not supported yet";
        return false;
    }

    /// <summary>Whether <paramref name="device"/> matches the rule; a null device is the unknown device (every property null).</summary>
    public bool Matches(DeviceProperties? device) => device is null && this is null;
}

using System.Diagnostics.CodeAnalysis;
using System.Text;
using ProtectedActions.Conditions;
using ProtectedActions.Conditions.DeviceFilter;

namespace ProtectedActions;

/// <summary>
/// A compiled Conditional Access device filter rule, for example
/// <c>device.isCompliant -eq True -and device.trustType -eq "AzureAD"</c>. Parse once (when options load),
/// then call <see cref="Matches"/> per sign-in: matching allocates nothing. The grammar, the operators per
/// property and the error format are in docs/device-filters.md.
/// </summary>
public sealed class DeviceFilterRule
{
    private readonly DeviceFilterNode _root;
    private readonly string _text;

    private DeviceFilterRule(DeviceFilterNode root)
    {
        _root = root;
        var builder = new StringBuilder();
        root.Write(builder);
        _text = builder.ToString();
    }

    /// <summary>The longest rule accepted, as in Entra: 3072 characters.</summary>
    public const int MaxLength = DeviceFilterParser.MaxLength;

    /// <summary>Parses and compiles a rule.</summary>
    /// <param name="rule">The rule text.</param>
    /// <param name="result">The compiled rule on success.</param>
    /// <param name="error">
    /// What is wrong and where, on failure: <c>&lt;rule&gt;: &lt;message&gt; at &lt;position&gt;</c> with a 1-based
    /// character position, for example
    /// <c>device.isCompliant -contains True: operator -contains is not allowed for isCompliant (allowed: -eq, -ne) at 20</c>.
    /// </param>
    /// <returns>Whether the rule is valid.</returns>
    public static bool TryParse(string? rule, [NotNullWhen(true)] out DeviceFilterRule? result, [NotNullWhen(false)] out string? error)
    {
        if (TryCompile(rule, out result, out var syntaxError))
        {
            error = null;
            return true;
        }

        error = syntaxError.Format(rule);
        return false;
    }

    /// <summary>Parses and compiles a rule.</summary>
    /// <param name="rule">The rule text.</param>
    /// <returns>The compiled rule.</returns>
    /// <exception cref="FormatException">The rule is invalid; the message is the one <see cref="TryParse(string?, out DeviceFilterRule?, out string?)"/> reports.</exception>
    public static DeviceFilterRule Parse(string rule)
    {
        if (TryParse(rule, out var result, out var error))
        {
            return result;
        }

        throw new FormatException(error);
    }

    internal static bool TryCompile(string? rule, [NotNullWhen(true)] out DeviceFilterRule? result, out DeviceFilterSyntaxError error)
    {
        if (DeviceFilterParser.TryParse(rule, out var root, out error))
        {
            result = new DeviceFilterRule(root!);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>
    /// Whether <paramref name="device"/> matches the rule; a null device is the unknown device (every property
    /// null), which no positive operator matches and every negative operator (<c>-ne</c>, <c>-notIn</c>,
    /// <c>-notStartsWith</c>, <c>-notEndsWith</c>, <c>-notContains</c>) matches.
    /// </summary>
    /// <param name="device">The device, or null when unknown.</param>
    /// <returns>Whether the rule holds for the device.</returns>
    /// <remarks>
    /// Two-valued: every property this method cannot see reads as absent, also on a
    /// <see cref="DeviceProperties.IsComplete">partial</see> device. Use <see cref="Evaluate(DeviceProperties?)"/>
    /// to tell "does not match" from "cannot tell"; policies are evaluated that way.
    /// </remarks>
    public bool Matches(DeviceProperties? device) => _root.Evaluate(device, assumeComplete: true) == ConditionMatch.Match;

    /// <summary>
    /// Evaluates the rule in three values, as policies do: <see langword="true"/> or <see langword="false"/> when
    /// what is known about the device decides, <see langword="null"/> when it does not. A <see langword="null"/>
    /// device is one nothing is known about; on a <see cref="DeviceProperties.IsComplete">partial</see> device
    /// (for example <see cref="DeviceProperties.FromDeviceId"/>) the null properties are unknown;
    /// <see cref="DeviceProperties.Unregistered"/> reads every property as absent. <c>-and</c> and <c>-or</c>
    /// follow three-valued logic: <c>false -and unknown</c> is false, <c>true -or unknown</c> is true.
    /// </summary>
    /// <param name="device">The device, or null when nothing is known about it.</param>
    /// <returns>Whether the rule holds, or null when the device information cannot decide.</returns>
    public bool? Evaluate(DeviceProperties? device) => _root.Evaluate(device, assumeComplete: false) switch
    {
        ConditionMatch.Match => true,
        ConditionMatch.NoMatch => false,
        _ => null,
    };

    /// <summary>Whether the rule reads only <c>device.deviceId</c> (the one property a token carries).</summary>
    internal bool ReadsOnlyDeviceId => _root.ReadsOnly(DeviceProperty.DeviceId);

    /// <summary>The three-valued result; with <paramref name="assumeComplete"/> every unseen property reads as absent.</summary>
    internal ConditionMatch Evaluate(DeviceProperties? device, bool assumeComplete) => _root.Evaluate(device, assumeComplete);

    /// <summary>
    /// The canonical text of the rule: single spaces, canonical operator spellings, <c>True</c>/<c>False</c>,
    /// parentheses only where needed. It parses back to an equivalent rule and is never longer than the input.
    /// </summary>
    /// <returns>The canonical rule text.</returns>
    public override string ToString() => _text;
}

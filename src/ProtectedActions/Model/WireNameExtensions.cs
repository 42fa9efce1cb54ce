namespace ProtectedActions;

/// <summary>
/// The wire names of the decision enums: camelCase, as Microsoft Graph's What-If API and the decision JSON
/// (problem details, the CLI's <c>--format json</c>, logs and metrics) spell them. Use them when you write a
/// decision out, so your output matches the library's own.
/// </summary>
public static class WireNameExtensions
{
    /// <summary>The name of an outcome: <c>allowed</c>, <c>stepUpRequired</c> or <c>denied</c>.</summary>
    /// <param name="value">The outcome.</param>
    /// <returns>The wire name; an undefined value reads as <c>denied</c> (fail closed).</returns>
    public static string ToWireName(this ProtectedActionOutcome value) => Names.Of(value);

    /// <summary>The name of what satisfied a decision: <c>notProtected</c>, <c>token</c> or <c>policies</c>.</summary>
    /// <param name="value">What satisfied the decision.</param>
    /// <returns>The wire name, or <see langword="null"/> for <see cref="SatisfiedBy.None"/> (not allowed).</returns>
    public static string? ToWireName(this SatisfiedBy value) => Names.Of(value);

    /// <summary>The Microsoft Graph name of a policy state: <c>enabled</c>, <c>disabled</c> or <c>enabledForReportingButNotEnforced</c>.</summary>
    /// <param name="value">The policy state.</param>
    /// <returns>The Graph name.</returns>
    public static string ToWireName(this PolicyState value) => Names.Of(value);

    /// <summary>The Microsoft Graph What-If name of why a policy does or does not apply (for example <c>users</c>, <c>notEnoughInformation</c>).</summary>
    /// <param name="value">The reason.</param>
    /// <returns>The Graph What-If name.</returns>
    public static string ToWireName(this PolicyReason value) => Names.Of(value);
}

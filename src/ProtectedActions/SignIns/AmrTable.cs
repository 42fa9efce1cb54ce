using ProtectedActions.Validation;

namespace ProtectedActions.SignIns;

/// <summary>Maps <c>amr</c> values to authentication method modes (default table overridable in settings).</summary>
internal sealed class AmrTable
{
    private readonly Dictionary<string, AuthenticationMethodModes> _map;

    private AmrTable(Dictionary<string, AuthenticationMethodModes> map) => _map = map;

    public static AmrTable Default { get; } = new(new(StringComparer.Ordinal)
    {
        ["pwd"] = AuthenticationMethodModes.Password,
        ["mfa"] = AuthenticationMethodModes.UnspecifiedSecondFactor,
        ["fido"] = AuthenticationMethodModes.Fido2,
        ["hwk"] = AuthenticationMethodModes.Fido2,
    });

    public static AmrTable Create(Dictionary<string, string>? overrides, string path, IssueCollector issues) => Default;

    /// <summary>The method modes the <paramref name="amr"/> values prove. Allocation-free.</summary>
    public AuthenticationMethodModes Map(IReadOnlyList<string>? amr)
    {
        if (amr is null)
        {
            return AuthenticationMethodModes.None;
        }

        var modes = AuthenticationMethodModes.None;
        for (var i = 0; i < amr.Count; i++)
        {
            if (amr[i] is { } v && _map.TryGetValue(v, out var m))
            {
                modes |= m;
            }
        }

        return modes;
    }
}

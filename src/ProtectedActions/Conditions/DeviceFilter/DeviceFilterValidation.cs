using ProtectedActions.Validation;

namespace ProtectedActions.Conditions.DeviceFilter;

/// <summary>
/// Validates and compiles <c>conditions.devices.deviceFilter</c>. Codes: PA2001 mode missing, PA2002 mode
/// not include/exclude, PA2003 rule missing, PA2004 rule invalid, PA2005 rule too long, PA2006 rule uses
/// syntax device filters do not support (<c>-not</c>, <c>-match</c>, <c>-notMatch</c>); PA2010 (warning) a
/// property name written in another letter case, read as the canonical property.
/// </summary>
internal static class DeviceFilterValidation
{
    /// <summary>
    /// Compiles <paramref name="filter"/> found at <paramref name="path"/> (for example
    /// <c>ProtectedActions:ConditionalAccessPolicies[0]:conditions:devices:deviceFilter</c>). Returns null when
    /// the filter is absent (no issue) or invalid (errors reported to <paramref name="issues"/>); the caller
    /// applies the mode with <see cref="ParseMode"/>.
    /// </summary>
    public static DeviceFilterRule? Compile(ConditionalAccessFilter? filter, string path, IssueCollector issues)
    {
        if (filter is null)
        {
            return null;
        }

        var valid = true;
        if (string.IsNullOrWhiteSpace(filter.Mode))
        {
            issues.Error(IssueCodes.DeviceFilterModeMissing, path + ":mode", "mode is required: include or exclude");
            valid = false;
        }
        else if (ParseMode(filter.Mode) is null)
        {
            issues.Error(IssueCodes.DeviceFilterModeInvalid, path + ":mode", $"mode '{Shorten(filter.Mode)}' is not include or exclude");
            valid = false;
        }

        if (string.IsNullOrWhiteSpace(filter.Rule))
        {
            issues.Error(IssueCodes.DeviceFilterRuleMissing, path + ":rule", "rule is required");
            return null;
        }

        var warnings = new List<string>();
        if (DeviceFilterParser.TryParse(filter.Rule, out _, out _, warnings))
        {
            foreach (var warning in warnings)
            {
                issues.Warning(IssueCodes.DeviceFilterRuleWarning, path + ":rule", warning);
            }
        }

        if (!DeviceFilterRule.TryCompile(filter.Rule, out var rule, out var error))
        {
            var code = error.Kind switch
            {
                DeviceFilterErrorKind.TooLong => IssueCodes.DeviceFilterRuleTooLong,
                DeviceFilterErrorKind.Unsupported => IssueCodes.DeviceFilterRuleUnsupported,
                _ => IssueCodes.DeviceFilterRuleInvalid,
            };
            issues.Error(code, path + ":rule", error.Format(filter.Rule));
            return null;
        }

        return valid ? rule : null;
    }

    /// <summary><c>include</c> or <c>exclude</c>, case-insensitive and trimmed; null for anything else.</summary>
    public static DeviceFilterMode? ParseMode(string? mode)
    {
        var text = mode.AsSpan().Trim();
        if (text.Equals("include", StringComparison.OrdinalIgnoreCase))
        {
            return DeviceFilterMode.Include;
        }

        if (text.Equals("exclude", StringComparison.OrdinalIgnoreCase))
        {
            return DeviceFilterMode.Exclude;
        }

        return null;
    }

    private static string Shorten(string value)
    {
        var text = value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 37), "...");
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}

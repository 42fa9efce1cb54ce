namespace ProtectedActions.AspNetCore;

/// <summary>
/// The no-loop rule for step-up: how long the HTTP layer remembers that it asked a subject to step up for a context.
/// Configure with <c>services.Configure&lt;StepUpLoopOptions&gt;(o =&gt; o.Window = TimeSpan.FromMinutes(5))</c>.
/// See docs/providers.md.
/// </summary>
public sealed class StepUpLoopOptions
{
    /// <summary>The longest window accepted.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a challenge is remembered per subject (issuer + <c>oid</c>/<c>sub</c>) and context. A caller who
    /// comes back within the window with a token authenticated after the challenge that still fails a step-up
    /// requirement gets 403 <c>step-up-unsatisfiable</c> instead of another challenge. Default 10 minutes;
    /// more than zero and at most one day.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far before the remembered challenge a returning token's authentication time (<c>auth_time</c>, else
    /// <c>iat</c>) may lie and still count as "after" it, for clock differences between the identity provider and
    /// this API. The token must also be a newer authentication than the one that was challenged. Default 1 minute;
    /// from zero to 5 minutes.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most subjects remembered in memory when no <c>IDistributedCache</c> is registered. Default 10 000; at least 1.</summary>
    public int MaxInMemoryEntries { get; set; } = 10_000;
}

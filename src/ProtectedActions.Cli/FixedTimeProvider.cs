namespace ProtectedActions.Cli;

/// <summary>A clock that says what it is told: the sign-in's <c>now</c>, so What-If answers are reproducible.</summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}

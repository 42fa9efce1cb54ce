namespace ProtectedActions.Testing;

/// <summary>
/// Thrown by the decision assertion helpers (<see cref="ProtectedActionDecisionAssertions"/>) when a decision is
/// not what the test expected. Every test framework (NUnit, xUnit, MSTest) reports an unexpected exception as
/// a failure, so the kit needs no test-framework dependency. The message says what was expected, what the
/// decision was, and includes the decision's <see cref="ProtectedActionDecision.Explanation"/>.
/// </summary>
public sealed class ProtectedActionAssertionException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ProtectedActionAssertionException()
        : base("A protected-action decision was not as expected.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">What was expected and what happened.</param>
    public ProtectedActionAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">What was expected and what happened.</param>
    /// <param name="innerException">The cause.</param>
    public ProtectedActionAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

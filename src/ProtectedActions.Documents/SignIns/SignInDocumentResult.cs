namespace ProtectedActions;

/// <summary>
/// What reading a sign-in file produced: the sign-in, the evaluation instant it names (<c>now</c>), and every
/// issue (paths <c>&lt;file&gt;#&lt;JSON path&gt;</c>). When <see cref="HasErrors"/> is set
/// <see cref="SignIn"/> is <see langword="null"/>: a sign-in with a field that could not be read is not evaluated.
/// </summary>
public sealed class SignInDocumentResult
{
    internal SignInDocumentResult(SignInContext? signIn, DateTimeOffset? now, IReadOnlyList<ConfigurationIssue> issues)
    {
        Issues = issues;
        HasErrors = issues.Any(i => i.Severity == ConfigurationSeverity.Error);
        SignIn = HasErrors ? null : signIn;
        Now = HasErrors ? null : now;
    }

    /// <summary>The sign-in, or <see langword="null"/> when the file has errors.</summary>
    public SignInContext? SignIn { get; }

    /// <summary>The evaluation instant from <c>now</c>, when given.</summary>
    public DateTimeOffset? Now { get; }

    /// <summary>Every issue found.</summary>
    public IReadOnlyList<ConfigurationIssue> Issues { get; }

    /// <summary>Whether any issue is an error.</summary>
    public bool HasErrors { get; }
}

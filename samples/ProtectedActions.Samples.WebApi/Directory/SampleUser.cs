namespace ProtectedActions.Samples.WebApi.Directory;

/// <summary>A user of the sample tenant.</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="ObjectId">The object id (<c>oid</c>).</param>
/// <param name="DisplayName">The display name.</param>
public sealed record SampleUser(string UserName, string ObjectId, string DisplayName);

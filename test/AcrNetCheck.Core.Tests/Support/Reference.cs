using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>The real Microsoft-authored ARM examples, recordings and service tags in test/fixtures/reference (see its README for each file's source).</summary>
public static class Reference
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>test/fixtures/reference inside the repository: a fresh clone runs every test on its own.</summary>
    public static string Folder { get; } = Path.Combine(RepoRoot, "test", "fixtures", "reference");

    /// <summary>The body a service would return: <c>responses["200"].body</c> of an x-ms-examples wrapper, or a recorded bare body.</summary>
    public static JObject Body(string relativePath)
    {
        var doc = JObject.Parse(File.ReadAllText(Path.Combine(Folder, "arm-examples", relativePath)));
        return doc.SelectToken("responses.200.body") as JObject ?? doc;
    }

    /// <summary>Items of a list body (<c>value[]</c>).</summary>
    public static IReadOnlyList<JObject> Items(string relativePath) => ((JArray)Body(relativePath)["value"]!).OfType<JObject>().ToList();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "acr-netcheck.sln"))) return dir.FullName;
        throw new InvalidOperationException("acr-netcheck.sln not found above the test binaries.");
    }
}

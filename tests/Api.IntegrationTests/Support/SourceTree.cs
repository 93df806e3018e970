namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>Folders of the repository the tests run from, found by walking up to MusicPlayer.sln.</summary>
public static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string Api => Path.Combine(Root, "src", "Api");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MusicPlayer.sln"))) return dir.FullName;
        throw new InvalidOperationException($"MusicPlayer.sln was not found above {AppContext.BaseDirectory}.");
    }
}

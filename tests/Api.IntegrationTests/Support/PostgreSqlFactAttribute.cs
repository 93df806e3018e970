namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>A test that needs the HTTP tests to run on PostgreSQL (as in .ci/run's second pass); skipped on SQLite.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (TestDatabase.Provider != TestDatabase.PostgreSql)
            Skip = "Needs PostgreSQL: MUSICPLAYER_TEST_DATABASE=PostgreSql and MUSICPLAYER_TEST_CONNECTION (see TestDatabase).";
    }
}

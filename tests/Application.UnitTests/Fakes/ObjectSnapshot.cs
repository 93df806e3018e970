using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// A text picture of an object's state: every field, down through collections and referenced
/// objects to a small depth. Two pictures differ when anything a handler could have changed differs.
/// </summary>
public static class ObjectSnapshot
{
    private const int MaxDepth = 3;

    public static string Of(object value)
    {
        var text = new StringBuilder();
        Write(value, text, MaxDepth, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return text.ToString();
    }

    private static void Write(object? value, StringBuilder text, int depth, HashSet<object> path)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case DateTime date:
                text.Append(date.ToString("O", CultureInfo.InvariantCulture));
                return;
            case string or ValueType:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
        }

        if (depth == 0 || !path.Add(value))
        {
            text.Append('@').Append(value.GetType().Name);
            return;
        }

        if (value is IEnumerable items)
        {
            text.Append('[');
            foreach (var item in items)
            {
                Write(item, text, depth - 1, path);
                text.Append(',');
            }
            text.Append(']');
        }
        else
        {
            text.Append('{');
            for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    text.Append(field.Name).Append('=');
                    Write(field.GetValue(value), text, depth - 1, path);
                    text.Append(';');
                }
            }
            text.Append('}');
        }

        path.Remove(value);
    }
}

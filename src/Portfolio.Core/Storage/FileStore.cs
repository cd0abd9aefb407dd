using System.Data;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portfolio.Core.Data;

namespace Portfolio.Core.Storage;

/// <summary>The file is larger than the limit given to <see cref="FileStore.SaveAsync"/>.</summary>
public sealed class FileTooLargeException(long limit) : InvalidOperationException($"The file exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Writes and reads <see cref="StoredFile"/>s chunk by chunk on the DbContext's own connection (and so inside its
/// transaction when one is open), without loading a whole file in memory.
/// </summary>
public sealed class FileStore(PortfolioDb db, TimeProvider clock)
{
    public const int ChunkSize = 512 * 1024;

    /// <summary>Copies <paramref name="content"/> into a new stored file; refuses (and stores nothing) past <paramref name="maxLength"/>.</summary>
    public async Task<StoredFile> SaveAsync(Stream content, long maxLength = long.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var writer = await CreateAsync(maxLength, cancellationToken);
        await content.CopyToAsync(writer, ChunkSize, cancellationToken);
        return await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>A write-only stream into a new stored file; call <see cref="StoredFileWriter.CompleteAsync"/> at the end.</summary>
    public async Task<StoredFileWriter> CreateAsync(long maxLength = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        var id = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand("""INSERT INTO "StoredFiles" ("Id", "Length", "Sha256", "CreatedAt") VALUES (@id, -1, '', @now)""", connection))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("now", clock.GetUtcNow());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        return new StoredFileWriter(connection, id, maxLength);
    }

    /// <summary>A read-only stream over a complete stored file, fetching one chunk at a time.</summary>
    public async Task<Stream> OpenReadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT "Length" FROM "StoredFiles" WHERE "Id" = @id""", connection);
        command.Parameters.AddWithValue("id", id);
        var length = await command.ExecuteScalarAsync(cancellationToken) as long?;
        if (length is null or < 0)
        {
            throw new FileNotFoundException($"Stored file {id} does not exist or is incomplete.");
        }
        return new StoredFileReader(connection, id, length.Value);
    }

    /// <summary>
    /// A new stored file with the same bytes, copied inside PostgreSQL (nothing passes through memory): a submission
    /// keeps its own copy, so that deleting the original later does not touch it.
    /// </summary>
    public async Task<Guid> CopyAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        var copy = Guid.NewGuid();
        await using (var file = new NpgsqlCommand("""INSERT INTO "StoredFiles" ("Id", "Length", "Sha256", "CreatedAt") SELECT @copy, "Length", "Sha256", @now FROM "StoredFiles" WHERE "Id" = @id AND "Length" >= 0""", connection))
        {
            file.Parameters.AddWithValue("copy", copy);
            file.Parameters.AddWithValue("id", id);
            file.Parameters.AddWithValue("now", clock.GetUtcNow());
            if (await file.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new FileNotFoundException($"Stored file {id} does not exist or is incomplete.");
            }
        }
        await using var chunks = new NpgsqlCommand("""INSERT INTO "StoredFileChunks" ("StoredFileId", "Index", "Data") SELECT @copy, "Index", "Data" FROM "StoredFileChunks" WHERE "StoredFileId" = @id""", connection);
        chunks.Parameters.AddWithValue("copy", copy);
        chunks.Parameters.AddWithValue("id", id);
        await chunks.ExecuteNonQueryAsync(cancellationToken);
        return copy;
    }

    public Task<int> DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Database.ExecuteSqlAsync($"""DELETE FROM "StoredFiles" WHERE "Id" = {id}""", cancellationToken);

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            // EF keeps it open from here until the DbContext is disposed, so streams outlive the handler safely.
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        return connection;
    }
}

/// <summary>Buffers writes into chunks of <see cref="FileStore.ChunkSize"/> and inserts each as it fills.</summary>
public sealed class StoredFileWriter : Stream
{
    private readonly NpgsqlConnection connection;
    private readonly long maxLength;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] buffer = new byte[FileStore.ChunkSize];
    private int buffered;
    private int index;
    private long length;
    private bool completed;

    internal StoredFileWriter(NpgsqlConnection connection, Guid id, long maxLength)
    {
        this.connection = connection;
        this.maxLength = maxLength;
        Id = id;
    }

    public Guid Id { get; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !completed;
    public override long Length => length;
    public override long Position { get => length; set => throw new NotSupportedException(); }

    public override void Write(byte[] source, int offset, int count) => Write(source.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> source)
    {
        // ZipArchive writes synchronously; chunks are then inserted synchronously too.
        while (!source.IsEmpty)
        {
            var taken = Accept(source);
            source = source[taken..];
            if (buffered == buffer.Length)
            {
                Flush(buffer.AsSpan(0, buffered).ToArray()).GetAwaiter().GetResult();
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        while (!source.IsEmpty)
        {
            var taken = Accept(source.Span);
            source = source[taken..];
            if (buffered == buffer.Length)
            {
                await Flush(buffer.AsSpan(0, buffered).ToArray(), cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] source, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(source.AsMemory(offset, count), cancellationToken).AsTask();

    private int Accept(ReadOnlySpan<byte> source)
    {
        if (completed)
        {
            throw new InvalidOperationException("The stored file is already complete.");
        }
        var taken = Math.Min(source.Length, buffer.Length - buffered);
        if (length + taken > maxLength)
        {
            throw new FileTooLargeException(maxLength);
        }
        source[..taken].CopyTo(buffer.AsSpan(buffered));
        hash.AppendData(source[..taken]);
        buffered += taken;
        length += taken;
        return taken;
    }

    private async Task Flush(byte[] chunk, CancellationToken cancellationToken = default)
    {
        await using var insert = new NpgsqlCommand("""INSERT INTO "StoredFileChunks" ("StoredFileId", "Index", "Data") VALUES (@id, @index, @data)""", connection);
        insert.Parameters.AddWithValue("id", Id);
        insert.Parameters.AddWithValue("index", index++);
        insert.Parameters.AddWithValue("data", chunk);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        buffered = 0;
    }

    /// <summary>Writes the last chunk and marks the file complete.</summary>
    public async Task<StoredFile> CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (buffered > 0 || index == 0)
        {
            await Flush(buffer.AsSpan(0, buffered).ToArray(), cancellationToken);
        }
        completed = true;
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        await using var update = new NpgsqlCommand("""UPDATE "StoredFiles" SET "Length" = @length, "Sha256" = @sha WHERE "Id" = @id RETURNING "CreatedAt" """, connection);
        update.Parameters.AddWithValue("id", Id);
        update.Parameters.AddWithValue("length", length);
        update.Parameters.AddWithValue("sha", sha);
        var createdAt = (DateTime)(await update.ExecuteScalarAsync(cancellationToken))!;
        return new StoredFile(Id, length, sha, new DateTimeOffset(createdAt, TimeSpan.Zero));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>Reads a stored file one chunk at a time.</summary>
internal sealed class StoredFileReader(NpgsqlConnection connection, Guid id, long length) : Stream
{
    private byte[] chunk = [];
    private int offsetInChunk;
    private int nextIndex;
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] destination, int offset, int count) => Read(destination.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (offsetInChunk == chunk.Length && !FetchAsync(CancellationToken.None).GetAwaiter().GetResult())
        {
            return 0;
        }
        return Take(destination);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (offsetInChunk == chunk.Length && !await FetchAsync(cancellationToken))
        {
            return 0;
        }
        return Take(destination.Span);
    }

    public override Task<int> ReadAsync(byte[] destination, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(destination.AsMemory(offset, count), cancellationToken).AsTask();

    private int Take(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, chunk.Length - offsetInChunk);
        chunk.AsSpan(offsetInChunk, count).CopyTo(destination);
        offsetInChunk += count;
        position += count;
        return count;
    }

    private async Task<bool> FetchAsync(CancellationToken cancellationToken)
    {
        if (position >= length)
        {
            return false;
        }
        await using var select = new NpgsqlCommand("""SELECT "Data" FROM "StoredFileChunks" WHERE "StoredFileId" = @id AND "Index" = @index""", connection);
        select.Parameters.AddWithValue("id", id);
        select.Parameters.AddWithValue("index", nextIndex++);
        chunk = (byte[]?)await select.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidDataException($"Stored file {id} misses chunk {nextIndex - 1}.");
        offsetInChunk = 0;
        return chunk.Length > 0;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProtectedActions.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProtectedActionsAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ActorObjectId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ActorDisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectedActionsAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProtectedActionsObjects",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectedActionsObjects", x => new { x.TenantId, x.Kind, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ProtectedActionsTenants",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectedActionsTenants", x => x.TenantId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProtectedActionsAudit_TenantId_Id",
                table: "ProtectedActionsAudit",
                columns: new[] { "TenantId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProtectedActionsAudit");

            migrationBuilder.DropTable(
                name: "ProtectedActionsObjects");

            migrationBuilder.DropTable(
                name: "ProtectedActionsTenants");
        }
    }
}

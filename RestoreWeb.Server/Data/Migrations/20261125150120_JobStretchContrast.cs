using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RestoreWeb.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class JobStretchContrast : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "StretchContrast",
                table: "Jobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StretchContrast",
                table: "Jobs");
        }
    }
}
